import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Development keys and tokens for the local run, with nothing but a JDK (run as a single-file program).
 *
 *   java scripts/DevJwt.java keys DIR                      RSA signing key pair + gRPC service secret, once
 *   java scripts/DevJwt.java token DIR ISSUER ROLE[,ROLE] [--user ID] [--team T] [--ttl SECONDS]
 *
 * Never used in production: there an OIDC provider signs the tokens.
 */
public class DevJwt {

	public static void main(String[] args) throws Exception {
		if (args.length >= 2 && args[0].equals("keys")) {
			keys(Path.of(args[1]));
		}
		else if (args.length >= 4 && args[0].equals("token")) {
			String user = "dev-user";
			String team = null;
			long ttl = 8 * 3600;
			for (int i = 4; i + 1 < args.length; i += 2) {
				switch (args[i]) {
					case "--user" -> user = args[i + 1];
					case "--team" -> team = args[i + 1];
					case "--ttl" -> ttl = Long.parseLong(args[i + 1]);
					default -> throw new IllegalArgumentException("unknown option " + args[i]);
				}
			}
			System.out.println(token(Path.of(args[1]), args[2], List.of(args[3].toUpperCase().split(",")), user, team, ttl));
		}
		else {
			System.err.println("usage: DevJwt keys DIR | token DIR ISSUER ROLE[,ROLE] [--user ID] [--team T] [--ttl S]");
			System.exit(2);
		}
	}

	static void keys(Path dir) throws Exception {
		Files.createDirectories(dir);
		Path privateKey = dir.resolve("jwt-private.pem");
		if (Files.exists(privateKey)) {
			return;
		}
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		KeyPair pair = generator.generateKeyPair();
		writeSecret(privateKey, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
		Files.writeString(dir.resolve("jwt-public.pem"), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
		byte[] secret = new byte[32];
		new SecureRandom().nextBytes(secret);
		writeSecret(dir.resolve("grpc-service.secret"), Base64.getEncoder().encodeToString(secret));
	}

	static String token(Path dir, String issuer, List<String> roles, String user, String team, long ttl)
			throws Exception {
		String pem = Files.readString(dir.resolve("jwt-private.pem"));
		byte[] der = Base64.getDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
		PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
		long now = Instant.now().getEpochSecond();
		List<String> quoted = new ArrayList<>();
		roles.forEach((role) -> quoted.add(json(role)));
		String claims = "{\"iss\":" + json(issuer) + ",\"sub\":" + json(user) + ",\"roles\":[" + String.join(",", quoted)
				+ "]" + (team == null ? "" : ",\"team\":" + json(team)) + ",\"iat\":" + now + ",\"exp\":" + (now + ttl)
				+ "}";
		String signingInput = base64Url("{\"alg\":\"RS256\",\"typ\":\"JWT\"}") + "." + base64Url(claims);
		Signature signature = Signature.getInstance("SHA256withRSA");
		signature.initSign(key);
		signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
		return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature.sign());
	}

	static String pem(String type, byte[] der) {
		return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
				+ "\n-----END " + type + "-----\n";
	}

	static void writeSecret(Path file, String content) throws Exception {
		Files.writeString(file, content);
		try {
			Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
		}
		catch (UnsupportedOperationException ex) {
			// not a POSIX file system: the directory's permissions apply
		}
	}

	static String base64Url(String text) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
	}

	static String json(String text) {
		return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}
}
