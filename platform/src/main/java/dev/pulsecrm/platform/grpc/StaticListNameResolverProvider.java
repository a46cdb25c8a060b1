package dev.pulsecrm.platform.grpc;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.grpc.Attributes;
import io.grpc.EquivalentAddressGroup;
import io.grpc.NameResolver;
import io.grpc.NameResolverProvider;
import io.grpc.Status;
import io.grpc.StatusOr;

/**
 * Resolves a gRPC target that lists several replicas, {@code static-list:///host1:port1,host2:port2}, to one address
 * group per replica, so the channel's load-balancing policy (Spring gRPC's default is {@code round_robin}) spreads
 * calls over them and stops picking a replica whose connection failed until it is ready again.
 *
 * <p>Why: Spring gRPC's {@code static://host:port} target names a single address ({@code static://a:1,b:2} is handed
 * to the DNS resolver and fails with "Invalid DNS name"), so locally, with two replicas of a service, every gRPC call
 * went to replica 0 and failed while it was down. In Kubernetes the targets stay {@code dns:///} names of headless
 * Services, which resolve to every ready pod.
 *
 * <p>Registered through {@code META-INF/services/io.grpc.NameResolverProvider}, so every channel of the process can
 * use the scheme. Host names are resolved again on every {@link NameResolver#refresh()}, which the channel asks for
 * after a connection fails.
 */
public final class StaticListNameResolverProvider extends NameResolverProvider {

	/** The URI scheme of a static list of addresses. */
	public static final String SCHEME = "static-list";

	@Override
	protected boolean isAvailable() {
		return true;
	}

	@Override
	protected int priority() {
		return 5;
	}

	@Override
	public String getDefaultScheme() {
		return SCHEME;
	}

	@Override
	public Collection<Class<? extends SocketAddress>> getProducedSocketAddressTypes() {
		return List.of(InetSocketAddress.class);
	}

	@Override
	public NameResolver newNameResolver(URI targetUri, NameResolver.Args args) {
		if (!SCHEME.equals(targetUri.getScheme())) {
			return null;
		}
		List<HostAndPort> replicas = parse(targetUri);
		return new StaticListNameResolver(replicas);
	}

	/**
	 * The replicas named by a {@code static-list:///host:port,host:port} target.
	 * @throws IllegalArgumentException when the list is empty or an entry is not {@code host:port}
	 */
	static List<HostAndPort> parse(URI target) {
		String path = target.getPath();
		String list = (path != null && path.startsWith("/")) ? path.substring(1) : path;
		if (list == null || list.isBlank()) {
			throw new IllegalArgumentException("A " + SCHEME + " target names at least one host:port, e.g. "
					+ SCHEME + ":///127.0.0.1:9091,127.0.0.1:9191; got '" + target + "'");
		}
		List<HostAndPort> replicas = new ArrayList<>();
		for (String entry : list.split(",")) {
			replicas.add(HostAndPort.parse(entry.trim(), target));
		}
		return List.copyOf(replicas);
	}

	record HostAndPort(String host, int port) {

		static HostAndPort parse(String entry, URI target) {
			int colon = entry.lastIndexOf(':');
			if (colon <= 0 || colon == entry.length() - 1) {
				throw new IllegalArgumentException(
						"Entry '" + entry + "' of gRPC target '" + target + "' is not host:port");
			}
			String host = entry.substring(0, colon);
			int port;
			try {
				port = Integer.parseInt(entry.substring(colon + 1));
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException(
						"Entry '" + entry + "' of gRPC target '" + target + "' has no numeric port", ex);
			}
			if (port < 1 || port > 65535) {
				throw new IllegalArgumentException(
						"Entry '" + entry + "' of gRPC target '" + target + "' has port out of range");
			}
			return new HostAndPort(host, port);
		}

	}

	private static final class StaticListNameResolver extends NameResolver {

		private final List<HostAndPort> replicas;

		private Listener2 listener;

		StaticListNameResolver(List<HostAndPort> replicas) {
			this.replicas = replicas;
		}

		@Override
		public String getServiceAuthority() {
			HostAndPort first = this.replicas.get(0);
			return first.host() + ":" + first.port();
		}

		@Override
		public void start(Listener2 listener) {
			this.listener = listener;
			resolve();
		}

		@Override
		public void refresh() {
			resolve();
		}

		private void resolve() {
			List<EquivalentAddressGroup> groups = new ArrayList<>();
			for (HostAndPort replica : this.replicas) {
				// a new InetSocketAddress resolves the host name now, not once for the life of the channel
				InetSocketAddress address = new InetSocketAddress(replica.host(), replica.port());
				if (!address.isUnresolved()) {
					groups.add(new EquivalentAddressGroup(address));
				}
			}
			if (groups.isEmpty()) {
				this.listener.onError(Status.UNAVAILABLE.withDescription("No address of " + this.replicas
						+ " resolves"));
				return;
			}
			this.listener.onResult2(ResolutionResult.newBuilder()
				.setAddressesOrError(StatusOr.fromValue(groups))
				.setAttributes(Attributes.EMPTY)
				.build());
		}

		@Override
		public void shutdown() {
			// nothing to release: no background resolution
		}

	}

}
