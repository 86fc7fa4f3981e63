package dev.paperboy.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Ranking + rendering, personalized digests per second on one thread. */
final class RankingThroughput implements Measurement {
    @Override
    public String name() {
        return "ranking";
    }

    @Override
    public Report run(Context context) {
        DigestThroughput.Result result = context.smoke()
                ? DigestThroughput.measure(Duration.ofMillis(50), Duration.ofMillis(50), 1)
                : DigestThroughput.measure(Duration.ofSeconds(5), Duration.ofSeconds(2), 5);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("digestsPerSecondOneThread", Math.round(result.digestsPerSecond()));
        details.put("rounds", result.rounds().stream().map(Math::round).toList());
        details.put("papersPerDay", result.papers());
        details.put("papersPerMail", result.papersPerMail());
        details.put("target", 20_000);
        return new Report(List.of(new Row("ranking + rendering, digests/s (1 thread)",
                Long.toString(Math.round(result.digestsPerSecond())), ">= 20000")), details);
    }
}
