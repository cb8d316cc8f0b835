namespace MieCool.Optics.Tests;
