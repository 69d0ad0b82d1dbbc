package dev.mailwright.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetSocketAddress;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Typed reading of one TOML table, with errors that name the setting by its full dotted
 * path. Every key read is remembered, so that {@link #checkNoUnknownKeys()} can refuse a
 * misspelt setting instead of silently ignoring it.
 */
final class Settings {

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kKmMgG]?)(i?[bB])?");
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private final String file;
    private final String prefix;
    private final ObjectNode node;
    private final Set<String> read = new LinkedHashSet<>();
    private final List<Settings> children = new ArrayList<>();

    private Settings(String file, String prefix, ObjectNode node) {
        this.file = file;
        this.prefix = prefix;
        this.node = node;
    }

    static Settings root(String file, JsonNode node) {
        if (!(node instanceof ObjectNode object)) {
            throw new ConfigException(file + ": not a TOML document");
        }
        return new Settings(file, "", object);
    }

    private String name(String key) {
        return prefix.isEmpty() ? key : prefix + "." + key;
    }

    ConfigException problem(String key, String what) {
        return new ConfigException(file + ": " + name(key) + ": " + what);
    }

    private Optional<JsonNode> value(String key) {
        read.add(key);
        JsonNode value = node.get(key);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
    }

    boolean has(String key) {
        return node.has(key);
    }

    /** A sub-table; empty settings when absent. */
    Settings table(String key) {
        JsonNode value = value(key).orElse(null);
        ObjectNode object;
        if (value == null) {
            object = node.objectNode();
        } else if (value instanceof ObjectNode o) {
            object = o;
        } else {
            throw problem(key, "must be a table");
        }
        Settings child = new Settings(file, name(key), object);
        children.add(child);
        return child;
    }

    Optional<String> string(String key) {
        return value(key).map(v -> {
            if (!v.isTextual()) {
                throw problem(key, "must be a string");
            }
            return v.asText();
        });
    }

    String string(String key, String defaultValue) {
        return string(key).orElse(defaultValue);
    }

    List<String> strings(String key, List<String> defaultValue) {
        Optional<JsonNode> value = value(key);
        if (value.isEmpty()) {
            return defaultValue;
        }
        if (value.get().isTextual()) {
            return List.of(value.get().asText());
        }
        if (!value.get().isArray()) {
            throw problem(key, "must be a list of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : value.get()) {
            if (!item.isTextual()) {
                throw problem(key, "must be a list of strings");
            }
            out.add(item.asText());
        }
        return List.copyOf(out);
    }

    boolean bool(String key, boolean defaultValue) {
        return value(key).map(v -> {
            if (!v.isBoolean()) {
                throw problem(key, "must be true or false");
            }
            return v.asBoolean();
        }).orElse(defaultValue);
    }

    long integer(String key, long defaultValue, long min, long max) {
        return value(key).map(v -> {
            if (!v.isIntegralNumber()) {
                throw problem(key, "must be a whole number");
            }
            long n = v.asLong();
            if (n < min || n > max) {
                throw problem(key, "must be between " + min + " and " + max + ", not " + n);
            }
            return n;
        }).orElse(defaultValue);
    }

    /** A size in bytes: a number, or text such as {@code "32M"}, {@code "1 GiB"}. */
    long size(String key, long defaultValue) {
        Optional<JsonNode> value = value(key);
        if (value.isEmpty()) {
            return defaultValue;
        }
        JsonNode v = value.get();
        if (v.isIntegralNumber() && v.asLong() >= 0) {
            return v.asLong();
        }
        Matcher m = v.isTextual() ? SIZE.matcher(v.asText().trim()) : null;
        if (m == null || !m.matches()) {
            throw problem(key, "must be a size such as 10485760, \"10M\" or \"1G\"");
        }
        long n = Long.parseLong(m.group(1));
        int shift = switch (m.group(2).toUpperCase(Locale.ROOT)) {
            case "K" -> 10;
            case "M" -> 20;
            case "G" -> 30;
            default -> 0;
        };
        if (n > (Long.MAX_VALUE >> shift)) {
            throw problem(key, "is too large");
        }
        return n << shift;
    }

    /** A duration: text such as {@code "30s"}, {@code "5m"}, {@code "4h"}, {@code "5d"}. */
    Duration duration(String key, Duration defaultValue) {
        return value(key).map(v -> {
            Matcher m = v.isTextual() ? DURATION.matcher(v.asText().trim()) : null;
            if (m == null || !m.matches()) {
                throw problem(key, "must be a duration such as \"30s\", \"5m\", \"4h\" or \"5d\"");
            }
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }).orElse(defaultValue);
    }

    Optional<Path> path(String key) {
        return string(key).map(text -> {
            try {
                return Path.of(text);
            } catch (InvalidPathException e) {
                throw problem(key, "is not a valid path");
            }
        });
    }

    /** Listening addresses, {@code host:port} or {@code [v6]:port}. */
    List<InetSocketAddress> addresses(String key, List<String> defaultValue) {
        List<InetSocketAddress> out = new ArrayList<>();
        for (String text : strings(key, defaultValue)) {
            out.add(hostPort(key, text));
        }
        return List.copyOf(out);
    }

    InetSocketAddress hostPort(String key, String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw problem(key, "'" + text + "' is not host:port");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw problem(key, "'" + text + "': write IPv6 addresses in brackets, as [::1]:25");
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw problem(key, "'" + text + "' has no valid port");
        }
        if (port < 0 || port > 65535) {
            throw problem(key, "'" + text + "' has no valid port");
        }
        return InetSocketAddress.createUnresolved(host, port);
    }

    /** A table of string keys to string values (or lists of strings). */
    Map<String, List<String>> stringTable(String key) {
        Optional<JsonNode> value = value(key);
        if (value.isEmpty()) {
            return Map.of();
        }
        if (!value.get().isObject()) {
            throw problem(key, "must be a table");
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = value.get().fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            JsonNode v = e.getValue();
            if (v.isTextual()) {
                out.put(e.getKey(), List.of(v.asText()));
            } else if (v.isArray()) {
                List<String> items = new ArrayList<>();
                for (JsonNode item : v) {
                    if (!item.isTextual()) {
                        throw problem(key + "." + e.getKey(), "must be a string or a list of strings");
                    }
                    items.add(item.asText());
                }
                out.put(e.getKey(), List.copyOf(items));
            } else {
                throw problem(key + "." + e.getKey(), "must be a string or a list of strings");
            }
        }
        return out;
    }

    /** A list of tables, such as {@code [[rewrite.regexp]]}. */
    List<Settings> tables(String key) {
        Optional<JsonNode> value = value(key);
        if (value.isEmpty()) {
            return List.of();
        }
        if (!value.get().isArray()) {
            throw problem(key, "must be a list of tables");
        }
        List<Settings> out = new ArrayList<>();
        int i = 0;
        for (JsonNode item : value.get()) {
            if (!(item instanceof ObjectNode object)) {
                throw problem(key, "must be a list of tables");
            }
            Settings child = new Settings(file, name(key) + "[" + i++ + "]", object);
            children.add(child);
            out.add(child);
        }
        return out;
    }

    /** One of a fixed set of words. */
    <E extends Enum<E>> E choice(String key, Class<E> type, E defaultValue) {
        return string(key).map(text -> {
            for (E option : type.getEnumConstants()) {
                if (option.name().replace('_', '-').equalsIgnoreCase(text)) {
                    return option;
                }
            }
            List<String> names = new ArrayList<>();
            for (E option : type.getEnumConstants()) {
                names.add(option.name().replace('_', '-').toLowerCase(Locale.ROOT));
            }
            throw problem(key, "must be one of " + String.join(", ", names) + ", not '" + text + "'");
        }).orElse(defaultValue);
    }

    /** Refuses keys nobody read, here and in every sub-table read so far. */
    void checkNoUnknownKeys() {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String key = names.next();
            if (!read.contains(key)) {
                throw new ConfigException(file + ": unknown setting '" + name(key) + "'");
            }
        }
        for (Settings child : children) {
            child.checkNoUnknownKeys();
        }
    }
}
