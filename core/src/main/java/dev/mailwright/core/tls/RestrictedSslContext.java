package dev.mailwright.core.tls;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.security.KeyManagementException;
import java.security.SecureRandom;
import java.util.function.Supplier;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * An {@link SSLContext} whose engines and server sockets come from whatever context is
 * current at the moment they are created, with the allowed protocols and cipher suites
 * already set. Code that receives this context (MINA's SslFilter, a plain
 * SSLServerSocket) therefore serves renewed certificates and cannot fall back to TLS 1.0
 * or 1.1 even if it never sets a protocol itself.
 */
final class RestrictedSslContext extends SSLContext {

    RestrictedSslContext(Supplier<SSLContext> current, String[] protocols, String[] cipherSuites) {
        super(new Spi(current, protocols, cipherSuites), current.get().getProvider(), "TLS");
    }

    private static final class Spi extends SSLContextSpi {
        private final Supplier<SSLContext> current;
        private final String[] protocols;
        private final String[] cipherSuites;

        Spi(Supplier<SSLContext> current, String[] protocols, String[] cipherSuites) {
            this.current = current;
            this.protocols = protocols.clone();
            this.cipherSuites = cipherSuites.clone();
        }

        private SSLParameters restrict(SSLParameters parameters) {
            parameters.setProtocols(protocols);
            parameters.setCipherSuites(cipherSuites);
            parameters.setUseCipherSuitesOrder(true);
            return parameters;
        }

        private SSLEngine restrict(SSLEngine engine) {
            engine.setSSLParameters(restrict(engine.getSSLParameters()));
            return engine;
        }

        @Override
        protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom sr) throws KeyManagementException {
            throw new KeyManagementException("this context is initialised from its certificate files and cannot be re-initialised");
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            return restrict(current.get().createSSLEngine());
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            return restrict(current.get().createSSLEngine(host, port));
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            return new RestrictedServerSocketFactory(current.get().getServerSocketFactory(), this);
        }

        /** Client sockets from a server context are not restricted here: clients set their own policy. */
        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            return current.get().getSocketFactory();
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            return current.get().getServerSessionContext();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            return current.get().getClientSessionContext();
        }

        @Override
        protected SSLParameters engineGetDefaultSSLParameters() {
            return restrict(current.get().getDefaultSSLParameters());
        }

        @Override
        protected SSLParameters engineGetSupportedSSLParameters() {
            return current.get().getSupportedSSLParameters();
        }
    }

    private static final class RestrictedServerSocketFactory extends SSLServerSocketFactory {
        private final SSLServerSocketFactory delegate;
        private final Spi spi;

        RestrictedServerSocketFactory(SSLServerSocketFactory delegate, Spi spi) {
            this.delegate = delegate;
            this.spi = spi;
        }

        private ServerSocket restrict(ServerSocket socket) {
            SSLServerSocket ssl = (SSLServerSocket) socket;
            ssl.setSSLParameters(spi.restrict(ssl.getSSLParameters()));
            return ssl;
        }

        @Override
        public ServerSocket createServerSocket() throws IOException {
            return restrict(delegate.createServerSocket());
        }

        @Override
        public ServerSocket createServerSocket(int port) throws IOException {
            return restrict(delegate.createServerSocket(port));
        }

        @Override
        public ServerSocket createServerSocket(int port, int backlog) throws IOException {
            return restrict(delegate.createServerSocket(port, backlog));
        }

        @Override
        public ServerSocket createServerSocket(int port, int backlog, InetAddress address) throws IOException {
            return restrict(delegate.createServerSocket(port, backlog, address));
        }

        @Override
        public String[] getDefaultCipherSuites() {
            return spi.cipherSuites.clone();
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return delegate.getSupportedCipherSuites();
        }
    }
}
