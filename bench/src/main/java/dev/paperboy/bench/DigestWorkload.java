package dev.paperboy.bench;

import dev.paperboy.render.DigestRenderer;
import dev.paperboy.subscriber.Period;
import dev.paperboy.paper.Paper;
import dev.paperboy.subscriber.Preferences;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Issue 6's ranking workload, the same for every run (seeded): a day of 30 papers written like
 * Daily Papers ones (titles of ten-odd words, abstracts of about 200 words, 5 to 9 AI keywords,
 * an AI summary for most), and subscribers with 0 to 5 keywords, mostly topics the day covers,
 * some it does not, and a few phrases of several words. Since issue 14 a third of them also leave
 * out 1 to 3 topics and a fifth follow 1 to 5 authors of the day's papers, spelt as people type
 * them (as written, lower case, without accents, an initial), drawn from a random of their own so
 * that the keywords stay those of issue 6.
 */
public record DigestWorkload(Period period, List<Paper> day, List<Preferences> subscribers, DigestRenderer.Links links) {
    static final long SEED = 20250829L;
    static final int PAPERS = 30;
    static final int PAPERS_PER_MAIL = 10;
    static final int SUBSCRIBERS = 1024;
    static final int MAX_KEYWORDS = 5;
    static final long FOLLOWING_SEED = 20251214L;

    /** Topics papers are about; subscribers mostly pick from these too. */
    private static final List<String> TOPICS = List.of("diffusion", "agents", "reinforcement learning", "robotics",
            "vision-language models", "large language models", "tokenization", "speculative decoding", "reasoning",
            "benchmark", "scaling laws", "retrieval-augmented generation", "video generation", "speech", "graph neural networks",
            "mixture of experts", "alignment", "3D reconstruction", "medical imaging", "code generation");
    /** What subscribers also type: words the day never mentions, and generic ones that match many papers. */
    private static final List<String> OTHER_INTERESTS = List.of("quantum chemistry", "protein folding", "weather forecasting",
            "federated learning", "transformer", "efficient inference", "multimodal", "evaluation", "robot manipulation",
            "long context");
    private static final List<String> METHOD_NAMES = List.of("Aurora", "Cascade", "Helix", "Lumen", "Mosaic", "Orbit", "Prism",
            "Quill", "Sable", "Tessera", "Vesper", "Zephyr");
    private static final List<String> ADJECTIVES = List.of("Scalable", "Efficient", "Robust", "Unified", "Self-Improving",
            "Training-Free", "Adaptive", "Sparse", "Hierarchical", "Compositional");
    private static final List<String> TASKS = List.of("long-horizon planning", "open-world manipulation", "text-to-image synthesis",
            "mathematical problem solving", "multilingual understanding", "software engineering tasks", "visual question answering",
            "instruction following", "embodied navigation", "scientific discovery");
    private static final List<String> EXTRA_KEYWORDS = List.of("transformer", "attention", "fine-tuning", "zero-shot",
            "contrastive learning", "knowledge distillation", "chain-of-thought", "preference optimization", "latent space",
            "multimodal", "long context", "in-context learning", "synthetic data", "evaluation protocol", "efficient inference");
    private static final List<String> FIRST_NAMES = List.of("Wei", "Ana", "Jonas", "Priya", "Kenji", "Fatima", "Lucas", "Olga",
            "Chen", "Amara", "Mateo", "Yuki", "Sofia", "Arjun", "Zoë", "Hyun-woo");
    private static final List<String> LAST_NAMES = List.of("Zhang", "García", "Müller", "Sharma", "Tanaka", "Haddad", "Silva",
            "Ivanova", "Li", "Okafor", "Rossi", "Kim", "Novak", "Nguyen", "Dubois", "O'Brien");
    /** Abstract sentences; {a} and {b} are the paper's topics, {m} its method, {t} its task, {n} a number. */
    private static final List<String> SENTENCES = List.of(
            "Recent progress in {a} has been driven by ever larger models and datasets, yet {t} remains challenging.",
            "Existing approaches to {a} either rely on costly human annotation or fail to generalize beyond their training distribution.",
            "In this work, we introduce {m}, a framework that brings {b} to {a} without additional supervision.",
            "{m} decomposes {t} into a sequence of simpler sub-problems, each solved by a lightweight module.",
            "We further propose a curriculum that gradually increases task difficulty, which stabilizes training at scale.",
            "Our key insight is that {b} provides a natural inductive bias for {t}.",
            "To evaluate our method, we construct a new benchmark of {n} thousand examples covering diverse domains.",
            "Extensive experiments show that {m} outperforms strong baselines by {n}% on average while using fewer parameters.",
            "Ablation studies reveal that both the data mixture and the training objective contribute to the gains.",
            "We also find that performance scales predictably with compute, suggesting further headroom.",
            "Surprisingly, a model trained only on synthetic data matches one trained on curated human data for {t}.",
            "Our analysis sheds light on when and why {a} fails, and offers practical guidance for practitioners.",
            "We release code, model weights and the benchmark to facilitate future research on {a} and {b}.",
            "Compared with prior work on {b}, our approach reduces inference latency by a factor of {n} on commodity hardware.",
            "These results demonstrate that {a} can be made both reliable and efficient for real-world {t}.");

    public static DigestWorkload create() {
        Random random = new Random(SEED);
        LocalDate date = LocalDate.of(2025, 8, 29);
        List<Paper> day = new ArrayList<>(PAPERS);
        for (int i = 0; i < PAPERS; i++) {
            day.add(paper(random, i, date));
        }
        List<Preferences> subscribers = new ArrayList<>(SUBSCRIBERS);
        for (int i = 0; i < SUBSCRIBERS; i++) {
            int n = random.nextInt(MAX_KEYWORDS + 1);
            List<String> keywords = new ArrayList<>();
            while (keywords.size() < n) {
                String keyword = random.nextInt(100) < 85 ? pick(random, TOPICS) : pick(random, OTHER_INTERESTS);
                keyword = keyword.toLowerCase(java.util.Locale.ROOT);
                if (!keywords.contains(keyword)) {
                    keywords.add(keyword);
                }
            }
            subscribers.add(new Preferences(Preferences.Frequency.DAILY, DayOfWeek.MONDAY, keywords, PAPERS_PER_MAIL, 0));
        }
        Random following = new Random(FOLLOWING_SEED);
        for (int i = 0; i < SUBSCRIBERS; i++) {
            Preferences p = subscribers.get(i);
            if (following.nextInt(3) == 0) {
                p = p.withExcludedTopics(distinct(1 + following.nextInt(3), () -> pick(following, TOPICS).toLowerCase(java.util.Locale.ROOT)));
            }
            if (following.nextInt(5) == 0) {
                p = p.withFollowedAuthors(distinct(1 + following.nextInt(5), () -> spelt(following, pick(following, pick(following, day).authors()))));
            }
            subscribers.set(i, p);
        }
        DigestRenderer.Links links = new DigestRenderer.Links(
                "https://paperboy.example/preferences?token=m.eyJzdWIiOiJzMTIzIiwicCI6Im1hbmFnZSJ9.c2lnbmF0dXJl",
                "https://paperboy.example/unsubscribe?token=u.eyJzdWIiOiJzMTIzIiwicCI6InVuc3ViIn0.c2lnbmF0dXJl",
                "https://paperboy.example/digests/2025-08-29-daily?token=d.eyJzdWIiOiJzMTIzIn0.c2lnbmF0dXJl",
                "https://paperboy.example/");
        return new DigestWorkload(new Period(Preferences.Frequency.DAILY, date), List.copyOf(day), List.copyOf(subscribers), links);
    }

    private static Paper paper(Random random, int i, LocalDate date) {
        String a = pick(random, TOPICS);
        String b = pick(random, TOPICS);
        while (b.equals(a)) {
            b = pick(random, TOPICS);
        }
        String method = pick(random, METHOD_NAMES) + (random.nextBoolean() ? "" : "-" + (1 + random.nextInt(3)));
        String task = pick(random, TASKS);
        String title = switch (random.nextInt(3)) {
            case 0 -> method + ": " + pick(random, ADJECTIVES) + " " + capitalized(a) + " for " + capitalized(task);
            case 1 -> "Towards " + pick(random, ADJECTIVES) + " " + capitalized(a) + " with " + capitalized(b);
            default -> "When " + capitalized(b) + " Meets " + capitalized(a) + ": Lessons from " + capitalized(task);
        };
        StringBuilder abstractText = new StringBuilder();
        int sentences = 8 + random.nextInt(4);
        List<String> pool = new ArrayList<>(SENTENCES);
        for (int s = 0; s < sentences; s++) {
            String sentence = pool.remove(random.nextInt(pool.size()))
                    .replace("{a}", a).replace("{b}", b).replace("{m}", method).replace("{t}", task)
                    .replace("{n}", Integer.toString(2 + random.nextInt(40)));
            abstractText.append(s == 0 ? "" : " ").append(sentence);
        }
        List<String> keywords = new ArrayList<>(List.of(a, b));
        int extra = 3 + random.nextInt(5);
        while (keywords.size() < 2 + extra) {
            String k = pick(random, EXTRA_KEYWORDS);
            if (!keywords.contains(k)) {
                keywords.add(k);
            }
        }
        List<String> authors = new ArrayList<>();
        int authorCount = 2 + random.nextInt(12);
        for (int n = 0; n < authorCount; n++) {
            authors.add(pick(random, FIRST_NAMES) + " " + pick(random, LAST_NAMES));
        }
        int upvotes = (int) Math.round(Math.exp(random.nextDouble() * 5.5));
        Optional<String> summary = random.nextInt(3) == 0 ? Optional.empty()
                : Optional.of(method + " improves " + a + " for " + task + " by combining it with " + b + ", outperforming prior methods.");
        Optional<String> github = random.nextBoolean() ? Optional.of("https://github.com/" + method.toLowerCase(java.util.Locale.ROOT) + "-lab/" + method.toLowerCase(java.util.Locale.ROOT))
                : Optional.empty();
        return new Paper(String.format("2508.%05d", 20000 + 37 * i), title, abstractText.toString(), authors,
                Optional.of(Instant.parse("2025-08-27T17:59:30Z")), Optional.of(Instant.parse("2025-08-29T00:57:09Z")),
                upvotes, random.nextInt(12), summary, keywords, github, github.map(g -> random.nextInt(2000)),
                random.nextInt(4) == 0 ? Optional.of("https://" + method.toLowerCase(java.util.Locale.ROOT) + ".github.io/") : Optional.empty(),
                Optional.empty(), date);
    }

    private static List<String> distinct(int count, java.util.function.Supplier<String> next) {
        java.util.LinkedHashSet<String> values = new java.util.LinkedHashSet<>();
        for (int tries = 0; values.size() < count && tries < 4 * count; tries++) {
            values.add(next.get());
        }
        return List.copyOf(values);
    }

    /** A name as a subscriber may type it: as the paper has it, lower case, without accents, with an initial. */
    private static String spelt(Random random, String name) {
        return switch (random.nextInt(4)) {
            case 0 -> name.toLowerCase(java.util.Locale.ROOT);
            case 1 -> dev.paperboy.paper.Words.fold(name);
            case 2 -> name.charAt(0) + ". " + name.substring(name.indexOf(' ') + 1);
            default -> name;
        };
    }

    private static String capitalized(String phrase) {
        StringBuilder out = new StringBuilder(phrase.length());
        boolean start = true;
        for (char c : phrase.toCharArray()) {
            out.append(start ? Character.toUpperCase(c) : c);
            start = c == ' ' || c == '-';
        }
        return out.toString();
    }

    private static <T> T pick(Random random, List<T> list) {
        return list.get(random.nextInt(list.size()));
    }
}
