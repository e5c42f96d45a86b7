/**
 * The HTTP endpoints through which a signed-in user manages their own personal access
 * tokens.
 */
@NullMarked
package com.altscodex.spring.pat.web;

import org.jspecify.annotations.NullMarked;
