namespace MieCool.Viewer.Tests;
