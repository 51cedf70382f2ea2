package dev.rampart.policy.tools;

import dev.rampart.policy.PolicyLoadResult;
import dev.rampart.policy.PolicyLoader;
import dev.rampart.config.ConfigProblem;
import java.io.PrintStream;
import java.nio.file.Path;

/** {@code rampart policy validate FILE}: every problem with file, line and path; exit 1 if any. */
public final class PolicyValidateCommand {
    private PolicyValidateCommand() {
    }

    public static int run(Path file, PrintStream out, PrintStream err) {
        PolicyLoadResult result = PolicyLoader.load(file);
        if (result instanceof PolicyLoadResult.Invalid invalid) {
            for (ConfigProblem p : invalid.problems()) {
                err.println(p);
            }
            err.println(invalid.problems().size() + " problem" + (invalid.problems().size() == 1 ? "" : "s")
                    + " in " + file);
            return 1;
        }
        var policy = ((PolicyLoadResult.Loaded) result).policy();
        out.println("ok: " + file + " — policy '" + policy.name() + "' revision " + policy.revision() + ", "
                + policy.categories().size() + " categories, " + policy.rules().size() + " rules");
        return 0;
    }
}
