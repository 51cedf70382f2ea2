/**
 * The one configuration toolkit every module reads its YAML with: {@link dev.rampart.config.YamlReader} composes a
 * document into nodes that remember their line, {@link dev.rampart.config.ConfigNode} walks it with typed getters
 * (defaults given by the caller, kept beside the caller's records), required keys and unknown-key detection, and every
 * problem lands in one {@code List<}{@link dev.rampart.config.ConfigProblem}{@code >} with its source, line and path.
 * Misspelt names get one message ({@link dev.rampart.config.DidYouMean}).
 *
 * <p>Owns reading and reporting; refuses to decide what a problem means (the caller exits at start-up or keeps the
 * old configuration on reload) and holds no defaults of its own.
 */
package dev.rampart.config;
