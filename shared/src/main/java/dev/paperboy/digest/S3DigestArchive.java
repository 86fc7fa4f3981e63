package dev.paperboy.digest;

import dev.paperboy.subscriber.Period;
import dev.paperboy.keys.HashPurpose;
import dev.paperboy.keys.Keys;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Rendered digests (their web copies) in the ArchiveBucket under {@code digests/<period>/<name>.html},
 * the name a keyed hash of the subscriber id under its own subkey: a bucket listing tells neither
 * the address nor the table key.
 */
public final class S3DigestArchive implements DigestArchive {
    private final S3Client s3;
    private final String bucket;
    private final Keys keys;

    public S3DigestArchive(S3Client s3, String bucket, Keys keys) {
        this.s3 = s3;
        this.bucket = bucket;
        this.keys = keys;
    }

    public String key(Period period, String subscriberId) {
        return "digests/" + period.id() + "/" + keys.hash(HashPurpose.DIGEST_ARCHIVE, subscriberId).substring(0, 32) + ".html";
    }

    @Override
    public String store(Period period, String subscriberId, String html) {
        String key = key(period, subscriberId);
        s3.putObject(r -> r.bucket(bucket).key(key).contentType("text/html; charset=utf-8"),
                RequestBody.fromString(html, StandardCharsets.UTF_8));
        return key;
    }

    @Override
    public Optional<String> read(Period period, String subscriberId) {
        try {
            return Optional.of(s3.getObjectAsBytes(r -> r.bucket(bucket).key(key(period, subscriberId))).asUtf8String());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            // Without s3:ListBucket, S3 answers a missing key with 403: the same "no such digest".
            if (e.statusCode() == 403 || e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
