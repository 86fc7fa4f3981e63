package dev.paperboy.web;

import dev.paperboy.subscriber.Preferences;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The preference fields of a form (see {@link Preferences#FIELDS}) as a change to preferences: a field the form leaves out keeps what it was. Throws
 * InvalidInputException for a field that is not valid.
 */
record PreferenceFields(Map<String, String> form) implements UnaryOperator<Preferences> {
    @Override
    public Preferences apply(Preferences current) {
        return Preferences.fromForm(this::field, current);
    }

    private Optional<String> field(String name) {
        return Optional.ofNullable(form.get(name));
    }
}
