namespace MieCool.Results.Tests;
