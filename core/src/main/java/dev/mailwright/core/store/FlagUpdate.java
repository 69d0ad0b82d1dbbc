package dev.mailwright.core.store;

import java.util.Objects;

/** A flag change for STORE (RFC 3501 §6.4.6): add, remove, or replace. */
public record FlagUpdate(Mode mode, Flags flags) {

    public enum Mode { ADD, REMOVE, REPLACE }

    public FlagUpdate {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(flags, "flags");
    }

    public static FlagUpdate add(Flags flags) {
        return new FlagUpdate(Mode.ADD, flags);
    }

    public static FlagUpdate remove(Flags flags) {
        return new FlagUpdate(Mode.REMOVE, flags);
    }

    public static FlagUpdate replace(Flags flags) {
        return new FlagUpdate(Mode.REPLACE, flags);
    }

    /** The flags a message would have after this update. */
    public Flags applyTo(Flags current) {
        return switch (mode) {
            case ADD -> current.with(flags);
            case REMOVE -> current.without(flags);
            case REPLACE -> flags;
        };
    }
}
