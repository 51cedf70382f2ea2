/** Cross-module integration, end-to-end, load and fault tests; the code lives under {@code src/test}. */
package dev.rampart.tests;
