package dev.mailwright.auth.spf;

/** A mechanism with its qualifier: the result it gives when it matches. */
record Directive(SpfResult qualifier, Mechanism mechanism) {

    @Override
    public String toString() {
        String prefix = switch (qualifier) {
            case FAIL -> "-";
            case SOFTFAIL -> "~";
            case NEUTRAL -> "?";
            default -> "";
        };
        return prefix + mechanism;
    }
}
