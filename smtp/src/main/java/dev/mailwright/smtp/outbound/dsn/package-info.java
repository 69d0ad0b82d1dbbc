/**
 * Delivery status notifications for outbound mail: the {@code multipart/report} of RFC 6522 with
 * the {@code message/delivery-status} fields of RFC 3464, honouring the RET, ENVID, NOTIFY and
 * ORCPT parameters of RFC 3461: failure and delay reports, and the success reports
 * ("delivered", "relayed", "expanded") a sender asks for with NOTIFY=SUCCESS.
 */
package dev.mailwright.smtp.outbound.dsn;
