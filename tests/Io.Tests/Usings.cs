namespace MieCool.Io.Tests;
