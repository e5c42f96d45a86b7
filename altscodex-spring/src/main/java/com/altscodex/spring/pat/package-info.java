/**
 * Personal access tokens, GitHub-style: {@code altscodex_pat_}, 43 base62 characters from
 * a CSPRNG (256 bits) and a 6-character base62 CRC32 checksum
 * ({@link com.altscodex.spring.pat.PersonalAccessTokenCodec}), so a mistyped token is
 * refused before any lookup and secret scanners can check one offline. Only the token's
 * SHA-256 is kept. A token carries scopes (permissions) and acts for its owner, never
 * with more than the owner holds at the time of the request.
 * {@link com.altscodex.spring.pat.ReactivePersonalAccessTokenService} creates, lists,
 * revokes and resolves them; the converter and manager authenticate
 * {@code Authorization: Bearer altscodex_pat_...} requests on Spring Security.
 */
@NullMarked
package com.altscodex.spring.pat;

import org.jspecify.annotations.NullMarked;
