package dev.mailwright.core.store;

/** The outcome of an append, for UIDPLUS's APPENDUID (RFC 4315 §3). */
public record AppendResult(long uidValidity, long uid, long modSeq) {}
