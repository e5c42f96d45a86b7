/**
 * An embedded DeOAuth simulator that plays the server side of the AltsCodex DeOAuth
 * contract over real HTTP, and JUnit Jupiter support for it.
 */
@NullMarked
package com.altscodex.deoauth.simulator;

import org.jspecify.annotations.NullMarked;
