package dev.paperboy.source;

import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Answers the Daily Papers API's page requests from the raw archive instead of the network, so a
 * day can be replayed ({@code {"fromArchive": true}}) through the same client and parser: for a
 * date and page, the latest successful answer archived (keys sort by fetch time). A page the
 * archive lacks fails the day; it is never fetched.
 */
public final class ArchivedResponses implements HttpGet {
    private static final Pattern PAGE = Pattern.compile("(?:^|&)date=([0-9-]{10})&(?:.*&)?p=(\\d{1,4})(?:&|$)");

    private final S3Client s3;
    private final String bucket;

    public ArchivedResponses(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    @Override
    public HttpResponse get(URI uri) {
        Matcher m = PAGE.matcher(Optional.ofNullable(uri.getRawQuery()).orElse(""));
        if (!m.find()) {
            throw new IllegalArgumentException("not a Daily Papers page request: " + uri);
        }
        LocalDate date;
        try {
            date = LocalDate.parse(m.group(1));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a Daily Papers page request: " + uri, e);
        }
        int page = Integer.parseInt(m.group(2));
        String prefix = DailyPapersClient.archivePrefix(date, page);
        Optional<String> latest = s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix)).contents().stream()
                .map(S3Object::key)
                .filter(key -> key.endsWith(".json"))
                .max(String::compareTo);
        if (latest.isEmpty()) {
            throw new SourceException(date, "no archived answer for page " + page + " under " + prefix);
        }
        byte[] body = s3.getObjectAsBytes(r -> r.bucket(bucket).key(latest.get())).asByteArray();
        return new HttpResponse(200, Map.of(), body);
    }
}
