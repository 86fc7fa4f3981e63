package dev.paperboy.keys;

import java.util.Optional;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * The keys secret's AWSCURRENT and AWSPREVIOUS versions: Secrets Manager moves AWSPREVIOUS to the
 * old value itself when a new one is put, so the previous key needs no bookkeeping of ours.
 * One GetSecretValue while the secret is as the stack generated it, two once it has been rotated;
 * their cost at a cold start and a restore is `make bench ONLY=keys-cost`.
 */
public final class SecretsManagerKeySource implements KeySource {
    private final SecretsManagerClient secrets;
    private final String secretId;

    public SecretsManagerKeySource(SecretsManagerClient secrets, String secretId) {
        this.secrets = secrets;
        this.secretId = secretId;
    }

    @Override
    public Versions read() {
        String current = secrets.getSecretValue(r -> r.secretId(secretId).versionStage("AWSCURRENT")).secretString();
        if (!KeyRing.hasOwnSigningKey(current)) {
            // The value the stack generated, never rotated: no previous key to read, one request saved
            // at every cold start and restore.
            return new Versions(current, Optional.empty());
        }
        Optional<String> previous;
        try {
            previous = Optional.ofNullable(secrets.getSecretValue(r -> r.secretId(secretId).versionStage("AWSPREVIOUS")).secretString());
        } catch (ResourceNotFoundException neverRotated) {
            previous = Optional.empty();
        }
        return new Versions(current, previous);
    }
}
