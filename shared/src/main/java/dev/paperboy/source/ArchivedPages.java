package dev.paperboy.source;

import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A day's pages read back from the raw archive instead of the API, so a day can be replayed
 * ({@code {"fromArchive": true}}) through the same parser: for each page, the latest successful
 * answer archived (keys sort by fetch time). A page the archive lacks fails the day; it is never
 * fetched.
 */
public final class ArchivedPages implements PageSource {
    private final S3Client s3;
    private final String bucket;

    public ArchivedPages(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    @Override
    public Answer page(PageAddress address) {
        String prefix = address.archivePrefix();
        Optional<String> latest = s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix)).contents().stream()
                .map(S3Object::key)
                .filter(key -> key.endsWith(".json"))
                .max(String::compareTo);
        if (latest.isEmpty()) {
            throw new SourceException(address.date(), "no archived answer for page " + address.page() + " under " + prefix);
        }
        return new Answer(s3.getObjectAsBytes(r -> r.bucket(bucket).key(latest.get())).asByteArray(), List.of());
    }
}
