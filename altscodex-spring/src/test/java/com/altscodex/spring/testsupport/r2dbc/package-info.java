/**
 * The databases the R2DBC stores are tested on, shared with the auto-configuration's
 * tests.
 */
package com.altscodex.spring.testsupport.r2dbc;
