/**
 * WebFlux integration: the DeOAuth callback endpoint and the mapping of client
 * exceptions to {@code application/problem+json} answers.
 */
@NullMarked
package com.altscodex.spring.web;

import org.jspecify.annotations.NullMarked;
