package io.postkit.maven;

import io.postkit.core.api.Confirmation;

import java.io.Console;

/** Asks on the terminal, when Maven runs interactively and has one. */
record ConsoleConfirmation(boolean interactiveMode) implements Confirmation {

    @Override
    public boolean interactive() {
        return interactiveMode && System.console() != null;
    }

    @Override
    public boolean confirm(String question) {
        Console console = System.console();
        String answer = console.readLine("%s [y/N] ", question);
        return answer != null && (answer.equalsIgnoreCase("y") || answer.equalsIgnoreCase("yes"));
    }
}
