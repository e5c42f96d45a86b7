package com.altscodex.deoauth.simulator;

import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The simulated platform's login page: one button per demo user and a cancel button, in a
 * self-contained HTML document (inline CSS and script, no external resources).
 * <p>
 * In the redirect flow the buttons submit to {@code /oauth/login/choose} (or
 * {@code /oauth/login/cancel}), which answer with a redirect to the application. When the
 * page runs in a popup ({@code window.opener} is set), a user button fetches a JWT from
 * {@code /oauth/login/jwt} and posts <code>{type: "altscodex:jwt", jwt}</code> to the
 * opener, and cancel posts <code>{type: "altscodex:cancel"}</code>. The server decides the
 * one origin those messages may go to ({@link Popup}) and writes it into the script: the
 * page never posts to {@code *} or to an origin it read from its own URL.
 */
final class LoginPage {

	private static final String STYLE = """
			*{box-sizing:border-box}
			body{margin:0;min-height:100vh;display:flex;align-items:center;justify-content:center;\
			background:#f3f4f8;color:#1b2030;font:15px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
			main{width:100%;max-width:380px;margin:24px;padding:28px;background:#fff;border-radius:14px;\
			box-shadow:0 6px 30px rgba(20,30,60,.10)}
			h1{margin:0 0 4px;font-size:20px}
			.lead{margin:0 0 20px;color:#5c6478;font-size:13px}
			.tag{display:inline-block;margin-left:6px;padding:1px 7px;border-radius:9px;background:#fff2d6;\
			color:#8a5a00;font-size:11px;font-weight:600;vertical-align:middle}
			.user{display:flex;align-items:center;gap:12px;width:100%;margin:0 0 10px;padding:11px 14px;\
			border:1px solid #d9dde7;border-radius:10px;background:#fff;color:inherit;font:inherit;text-align:left;cursor:pointer}
			.user:hover,.user:focus{border-color:#4258d6;background:#f5f7ff;outline:none}
			.avatar{flex:none;width:36px;height:36px;border-radius:50%;background:#4258d6;color:#fff;\
			display:flex;align-items:center;justify-content:center;font-weight:700}
			.name{display:block;font-weight:600}
			.address{display:block;color:#5c6478;font:12px ui-monospace,SFMono-Regular,Menlo,monospace}
			.cancel{width:100%;margin-top:6px;padding:10px;border:0;border-radius:10px;background:none;\
			color:#5c6478;font:inherit;cursor:pointer}
			.cancel:hover{background:#f0f1f5}
			#status{min-height:1em;margin:12px 0 0;color:#b42318;font-size:13px}
			""";

	// runs with the server's decision as its argument, see render(..)
	private static final String SCRIPT = """
			(function (popup) {
			  var params = new URLSearchParams(window.location.search);
			  var opener = window.opener;
			  var status = document.getElementById('status');
			  if (!opener && !params.get('state')) {
			    status.textContent = 'No state parameter: open this page as a popup or from an application.';
			  }
			  function refuse() {
			    status.textContent = 'Sign-in refused: ' + popup.refusal;
			  }
			  if (opener && !popup.targetOrigin) {
			    refuse();
			  }
			  function finish(message) {
			    opener.postMessage(message, popup.targetOrigin);
			    window.close();
			  }
			  document.querySelectorAll('#login-form button').forEach(function (button) {
			    button.addEventListener('click', function (event) {
			      if (!opener) {
			        return;
			      }
			      event.preventDefault();
			      if (!popup.targetOrigin) {
			        refuse();
			        return;
			      }
			      if (button.id === 'cancel') {
			        finish({type: 'altscodex:cancel'});
			        return;
			      }
			      fetch(popup.jwtUrl + '&user=' + encodeURIComponent(button.value),
			          {cache: 'no-store', credentials: 'omit'})
			        .then(function (response) {
			          if (!response.ok) {
			            throw new Error('HTTP ' + response.status);
			          }
			          return response.json();
			        })
			        .then(function (body) {
			          finish({type: 'altscodex:jwt', jwt: body.jwt});
			        })
			        .catch(function (error) {
			          status.textContent = 'Sign-in failed: ' + error.message;
			        });
			    });
			  });
			})""";

	private LoginPage() {
	}

	/**
	 * The page for a login request.
	 * @param users the demo users, one button each
	 * @param clientId the {@code client_id} parameter, for the redirect flow
	 * @param redirectUri the {@code redirect_uri} parameter, for the redirect flow
	 * @param state the {@code state} parameter, for the redirect flow
	 * @param popup what the page does when it runs in a popup
	 * @param scriptNonce the nonce of the inline script, also named by the
	 * {@link #contentSecurityPolicy(String) Content-Security-Policy} of the answer
	 */
	static String render(List<SimulatedUser> users, @Nullable String clientId, @Nullable String redirectUri,
			@Nullable String state, Popup popup, String scriptNonce) {
		StringBuilder html = new StringBuilder(4096);
		html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
			.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
			.append("<title>Sign in with AltsCodex (simulator)</title>\n<link rel=\"icon\" href=\"data:,\">\n<style>\n")
			.append(STYLE)
			.append("</style>\n</head>\n<body>\n<main>\n")
			.append("<h1>Sign in with AltsCodex<span class=\"tag\">SIMULATOR</span></h1>\n")
			.append("<p class=\"lead\">Choose a demo user to continue.</p>\n")
			.append("<form id=\"login-form\" method=\"get\" action=\"/oauth/login/choose\">\n");
		hidden(html, "client_id", clientId);
		hidden(html, "redirect_uri", redirectUri);
		hidden(html, "state", state);
		for (SimulatedUser user : users) {
			html.append("<button type=\"submit\" class=\"user\" id=\"user-")
				.append(escape(user.id()))
				.append("\" name=\"user\" value=\"")
				.append(escape(user.id()))
				.append("\"><span class=\"avatar\">")
				.append(escape(user.nickname().substring(0, 1).toUpperCase(Locale.ROOT)))
				.append("</span><span><span class=\"name\">")
				.append(escape(user.nickname()))
				.append("</span><span class=\"address\">")
				.append(escape(abbreviate(user.contentAddress())))
				.append("</span></span></button>\n");
		}
		html.append("<button type=\"submit\" class=\"cancel\" id=\"cancel\" formaction=\"/oauth/login/cancel\">")
			.append("Cancel</button>\n</form>\n<p id=\"status\" role=\"status\"></p>\n</main>\n<script nonce=\"")
			.append(escape(scriptNonce))
			.append("\">\n")
			.append(SCRIPT)
			.append('(')
			.append(popup.toJson())
			.append(");\n</script>\n</body>\n</html>\n");
		return html.toString();
	}

	/**
	 * The {@code Content-Security-Policy} of the login page: only the page's own inline
	 * script runs, it may only fetch from the simulator, and no other
	 * site may frame the page.
	 * @param scriptNonce the nonce of the page's inline script
	 * @return the policy
	 */
	static String contentSecurityPolicy(String scriptNonce) {
		return "default-src 'none'; script-src 'nonce-" + scriptNonce + "'; style-src 'unsafe-inline'; "
				+ "img-src data:; connect-src 'self'; base-uri 'none'; frame-ancestors 'none'";
	}

	static String error(String message) {
		return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
				+ "<title>Sign-in error (simulator)</title>\n<link rel=\"icon\" href=\"data:,\">\n<style>\n" + STYLE + "</style>\n</head>\n<body>\n<main>\n"
				+ "<h1>Cannot sign in<span class=\"tag\">SIMULATOR</span></h1>\n<p id=\"error\" class=\"lead\">"
				+ escape(message) + "</p>\n</main>\n</body>\n</html>\n";
	}

	private static void hidden(StringBuilder html, String name, @Nullable String value) {
		if (value != null) {
			html.append("<input type=\"hidden\" name=\"")
				.append(name)
				.append("\" value=\"")
				.append(escape(value))
				.append("\">\n");
		}
	}

	private static String abbreviate(String address) {
		return (address.length() > 14) ? address.substring(0, 8) + "\u2026" + address.substring(address.length() - 4)
				: address;
	}

	/**
	 * A JSON string literal that is also safe inside an HTML {@code <script>} element:
	 * besides JSON's own escapes, {@code <}, {@code >}, {@code &}, quotes and the JavaScript
	 * line terminators U+2028 and U+2029 become {@code \\uXXXX} escapes, so that no value can
	 * close the element ({@code </script>}) or the string.
	 */
	static String jsonString(String text) {
		StringBuilder literal = new StringBuilder(text.length() + 16).append('"');
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '\\' -> literal.append("\\\\");
				case '\n' -> literal.append("\\n");
				case '\r' -> literal.append("\\r");
				case '\t' -> literal.append("\\t");
				case '"', '\'', '<', '>', '&', '\u2028', '\u2029' -> unicodeEscape(literal, c);
				default -> {
					if (c < 0x20 || c == 0x7f) {
						unicodeEscape(literal, c);
					}
					else {
						literal.append(c);
					}
				}
			}
		}
		return literal.append('"').toString();
	}

	private static void unicodeEscape(StringBuilder literal, char c) {
		literal.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
	}

	static String escape(String text) {
		StringBuilder escaped = new StringBuilder(text.length() + 16);
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '&' -> escaped.append("&amp;");
				case '<' -> escaped.append("&lt;");
				case '>' -> escaped.append("&gt;");
				case '"' -> escaped.append("&quot;");
				case '\'' -> escaped.append("&#39;");
				default -> escaped.append(c);
			}
		}
		return escaped.toString();
	}

	/**
	 * What the page does in a popup, as decided by the server: post to exactly one
	 * origin, fetching the JWT from {@code jwtUrl}, or refuse and say why.
	 *
	 * @param targetOrigin the only origin the page posts to; {@code null} to refuse
	 * @param jwtUrl the same-origin URL of the JWT endpoint with the login request's
	 * parameters, to which the page appends {@code &user=..}; {@code null} to refuse
	 * @param refusal why the page refuses, shown to the user; {@code null} when it does not
	 */
	record Popup(@Nullable WebOrigin targetOrigin, @Nullable String jwtUrl, @Nullable String refusal) {

		static Popup postTo(WebOrigin targetOrigin, String jwtUrl) {
			return new Popup(targetOrigin, jwtUrl, null);
		}

		static Popup refuse(String refusal) {
			return new Popup(null, null, refusal);
		}

		boolean refused() {
			return this.targetOrigin == null;
		}

		String toJson() {
			return "{\"targetOrigin\":" + literal((this.targetOrigin != null) ? this.targetOrigin.toString() : null)
					+ ",\"jwtUrl\":" + literal(this.jwtUrl) + ",\"refusal\":" + literal(this.refusal) + "}";
		}

		private static String literal(@Nullable String value) {
			return (value != null) ? jsonString(value) : "null";
		}

	}

}
