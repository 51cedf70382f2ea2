/** Reading classifier and scorer configuration sections: typed values, every problem with its path. */
package dev.rampart.classifier.config;
