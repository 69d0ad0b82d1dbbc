/**
 * Searching, sorting and threading a selected mailbox: the search criteria of RFC 3501
 * and RFC 9051 §6.4.4 with CONDSTORE's MODSEQ (RFC 7162), base subjects, SORT and THREAD
 * ORDEREDSUBJECT/REFERENCES of RFC 5256.
 */
package dev.mailwright.imap.internal.search;
