package com.altscodex.deoauth.simulator;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Signs and verifies the HS256 JWTs of the simulated platform.
 */
final class JwtCodec {

	static final String ISSUER = "deoauth-simulator";

	private static final String ALGORITHM = "HmacSHA256";

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

	private static final String HEADER = ENCODER
		.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));

	private final Mac prototype;

	private final JsonMapper mapper;

	private final RandomTokens tokens;

	JwtCodec(String signingKey, JsonMapper mapper, RandomTokens tokens) {
		try {
			this.prototype = Mac.getInstance(ALGORITHM);
			this.prototype.init(new SecretKeySpec(signingKey.getBytes(StandardCharsets.UTF_8), ALGORITHM));
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException("Cannot create the JWT signer", ex);
		}
		this.mapper = mapper;
		this.tokens = tokens;
		sign(HEADER + ".e30");
	}

	String issue(String subject, Instant now, Duration ttl) {
		ObjectNode claims = this.mapper.createObjectNode()
			.put("iss", ISSUER)
			.put("sub", subject)
			.put("iat", now.getEpochSecond())
			.put("exp", now.plus(ttl).getEpochSecond())
			.put("jti", this.tokens.next("", 12));
		String signingInput = HEADER + "." + ENCODER.encodeToString(this.mapper.writeValueAsBytes(claims));
		return signingInput + "." + ENCODER.encodeToString(sign(signingInput));
	}

	Verification verify(@Nullable String token, Instant now) {
		if (token == null) {
			return Verification.INVALID;
		}
		try {
			String[] parts = token.split("\\.", -1);
			if (parts.length != 3) {
				return Verification.INVALID;
			}
			JsonNode header = this.mapper.readTree(DECODER.decode(parts[0]));
			if (!"HS256".equals(header.path("alg").stringValue(null))) {
				return Verification.INVALID;
			}
			byte[] expected = sign(parts[0] + "." + parts[1]);
			if (!MessageDigest.isEqual(expected, DECODER.decode(parts[2]))) {
				return Verification.INVALID;
			}
			JsonNode claims = this.mapper.readTree(DECODER.decode(parts[1]));
			String subject = claims.path("sub").stringValue(null);
			JsonNode expiry = claims.path("exp");
			if (subject == null || subject.isEmpty() || !expiry.isNumber()) {
				return Verification.INVALID;
			}
			return (now.getEpochSecond() >= expiry.asLong()) ? new Verification(Status.EXPIRED, subject)
					: new Verification(Status.VALID, subject);
		}
		catch (RuntimeException ex) {
			return Verification.INVALID;
		}
	}

	private byte[] sign(String signingInput) {
		Mac mac;
		try {
			mac = (Mac) this.prototype.clone();
		}
		catch (CloneNotSupportedException ex) {
			throw new IllegalStateException("Cannot clone the JWT signer", ex);
		}
		return mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
	}

	enum Status {

		VALID, EXPIRED, INVALID

	}

	/**
	 * The outcome of verifying a JWT; the subject is known for valid and expired tokens.
	 */
	record Verification(Status status, @Nullable String subject) {

		static final Verification INVALID = new Verification(Status.INVALID, null);

		boolean signedHere() {
			return this.status != Status.INVALID;
		}

	}

}
