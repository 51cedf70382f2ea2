package dev.rampart.trust.identity;

import dev.rampart.trust.Caller;

/** The outcome of authentication: a caller, or a rejection the gateway answers with 401. */
public sealed interface AuthResult permits AuthResult.Authenticated, AuthResult.Rejected {

    record Authenticated(Caller caller) implements AuthResult {
    }

    /** @param message shown to the client; never echoes the credential */
    record Rejected(String message) implements AuthResult {
    }
}
