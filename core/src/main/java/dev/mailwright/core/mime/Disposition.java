package dev.mailwright.core.mime;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A Content-Disposition (RFC 2183): its type, lower-cased ({@code inline}, {@code attachment}
 * or an extension), and its parameters read by the same rules as
 * {@link MimePart#parameters()}.
 *
 * @param type       the disposition type, lower-cased
 * @param parameters parameters in order of appearance, names lower-cased, values decoded
 */
public record Disposition(String type, Map<String, String> parameters) {

    public Disposition {
        Objects.requireNonNull(type, "type");
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** Whether the type is {@code attachment}. */
    public boolean isAttachment() {
        return type.equals("attachment");
    }

    /** The {@code filename} parameter, if present. */
    public Optional<String> filename() {
        return Optional.ofNullable(parameters.get("filename"));
    }
}
