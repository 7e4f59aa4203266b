package dev.recon.stack;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A command's arguments: {@code --name value} or {@code --name=value} options, each allowed at most
 * once and only from the command's known set, and the remaining positional arguments.
 */
final class Args {
  private final Map<String, String> options;
  private final List<String> positional;

  private Args(Map<String, String> options, List<String> positional) {
    this.options = options;
    this.positional = positional;
  }

  static Args parse(List<String> args, Set<String> known) {
    Map<String, String> options = new HashMap<>();
    List<String> positional = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.equals("--")) {
        positional.addAll(args.subList(i + 1, args.size()));
        break;
      }
      if (!arg.startsWith("--")) {
        positional.add(arg);
        continue;
      }
      int eq = arg.indexOf('=');
      String name = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
      if (!known.contains(name)) {
        throw new UsageException("unknown option --" + name);
      }
      String value;
      if (eq >= 0) {
        value = arg.substring(eq + 1);
      } else if (i + 1 < args.size()) {
        value = args.get(++i);
      } else {
        throw new UsageException("--" + name + " needs a value");
      }
      if (options.put(name, value) != null) {
        throw new UsageException("--" + name + " given twice");
      }
    }
    return new Args(options, positional);
  }

  Optional<String> text(String name) {
    return Optional.ofNullable(options.get(name));
  }

  int port(String name, int otherwise) {
    String value = options.get(name);
    if (value == null) {
      return otherwise;
    }
    try {
      int port = Integer.parseInt(value);
      if (port < 1 || port > 65535) {
        throw new UsageException("--" + name + " must be a port from 1 to 65535, not " + value);
      }
      return port;
    } catch (NumberFormatException e) {
      throw new UsageException("--" + name + " must be a port number, not " + value);
    }
  }

  long positiveLong(String name, long otherwise) {
    String value = options.get(name);
    if (value == null) {
      return otherwise;
    }
    try {
      long number = Long.parseLong(value);
      if (number <= 0) {
        throw new UsageException("--" + name + " must be above 0, not " + value);
      }
      return number;
    } catch (NumberFormatException e) {
      throw new UsageException("--" + name + " must be a whole number, not " + value);
    }
  }

  List<String> positional() {
    return positional;
  }

  /** A command line that cannot be understood: the message says why, usage follows. */
  static final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }
}
