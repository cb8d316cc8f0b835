namespace MieCool.Mesh.Tests;
