package dev.paperboy.source;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** The raw archive in the ArchiveBucket. */
public final class S3RawArchive implements RawArchive {
    private final S3Client s3;
    private final String bucket;

    public S3RawArchive(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    @Override
    public String store(String key, byte[] body) {
        s3.putObject(r -> r.bucket(bucket).key(key).contentType(key.endsWith(".json") ? "application/json" : "application/octet-stream"),
                RequestBody.fromBytes(body));
        return key;
    }
}
