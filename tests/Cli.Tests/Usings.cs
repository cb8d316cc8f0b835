namespace MieCool.Cli.Tests;
