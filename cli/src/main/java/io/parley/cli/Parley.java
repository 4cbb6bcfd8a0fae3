package io.parley.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code parley} command: one picocli class per subcommand. */
@Command(name = "parley", mixinStandardHelpOptions = true, version = "Parley 0.1.0",
        description = "A self-hosted instant-messaging server that speaks UCWA.",
        subcommands = {Serve.class, Users.class, Send.class, Listen.class, Train.class, CommandLine.HelpCommand.class})
public final class Parley implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code (tests call this instead of main). */
    public static int run(String... args) {
        // Start-up matters for serve (it is measured): picocli then reflects over that one command only,
        // not over every command of the tree.
        boolean serve = args.length > 0 && args[0].equals("serve");
        CommandLine cli = serve ? new CommandLine(new Serve()).setCommandName("parley serve") : new CommandLine(new Parley());
        if (serve) {
            args = java.util.Arrays.copyOfRange(args, 1, args.length);
        }
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("parley: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return 1;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Name a command: serve, user, send, listen (see --help).");
    }
}
