namespace MieCool.Thermal.Tests;
