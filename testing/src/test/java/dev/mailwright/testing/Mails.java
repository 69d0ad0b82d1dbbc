package dev.mailwright.testing;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/** Building and sending messages with Jakarta Mail, as code under test would. */
final class Mails {

    private Mails() {
    }

    static MimeMessage message(Session session, String from, String to, String subject, String text) throws MessagingException {
        MimeMessage m = new MimeMessage(session);
        m.setFrom(new InternetAddress(from));
        m.setRecipients(Message.RecipientType.TO, InternetAddress.parse(to));
        m.setSubject(subject, "UTF-8");
        m.setText(text, "UTF-8");
        return m;
    }

    static void send(Session session, String from, String to, String subject, String text) throws MessagingException {
        Transport.send(message(session, from, to, subject, text));
    }
}
