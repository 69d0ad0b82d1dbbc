/**
 * What a host implements to change where outbound mail waits: the queue storage with its
 * claim/lease/update protocol (fit for one file spool or a database shared by several nodes),
 * the records it stores per message, recipient and attempt, and the MTA-STS policy store.
 */
package dev.mailwright.smtp.outbound.spi;
