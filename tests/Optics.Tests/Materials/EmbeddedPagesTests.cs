using MieCool.Optics.Materials;

namespace MieCool.Optics.Tests.Materials;

/// <summary>
/// The pages built into MieCool.Optics (<see cref="MaterialDatabase.Embedded"/>, what a NuGet package consumer gets without
/// a data folder) against the repository's data/materials, which the test build copies beside the tests.
/// </summary>
public class EmbeddedPagesTests
{
    static readonly MaterialDatabase Folder = new(Path.Combine(AppContext.BaseDirectory, "data", "materials"));

    [Fact]
    public void The_built_in_pages_are_the_data_folders_pages()
    {
        var embedded = MaterialDatabase.Embedded;
        Assert.True(embedded.IsEmbedded);
        Assert.False(Folder.IsEmbedded);
        Assert.True(Folder.Paths.Count >= 20, $"only {Folder.Paths.Count} pages in {Folder.Root}");
        Assert.Equal(Folder.Paths, embedded.Paths);
        Assert.Contains("other/perovskite/CH3NH3PbI3/nk/Phillips", embedded.Paths);
    }

    [Fact]
    public void Each_built_in_page_gives_the_index_and_range_of_its_file()
    {
        foreach (var path in Folder.Paths)
        {
            Material file = Folder.Load(path), builtIn = MaterialDatabase.Embedded.Load(path);
            Assert.NotSame(file, builtIn);
            Assert.Equal(path, builtIn.Name);
            Assert.Equal("MieCool.Optics.dll:materials/" + path + ".yml", builtIn.Source);
            Assert.Equal(file.MinWavelength, builtIn.MinWavelength);
            Assert.Equal(file.MaxWavelength, builtIn.MaxWavelength);
            Assert.Equal(file.References, builtIn.References);
            for (int i = 0; i <= 10; i++)
            {
                double lambda = file.MinWavelength + i / 10.0 * (Math.Min(file.MaxWavelength, 20e-6) - file.MinWavelength);
                Assert.Equal(file.At(lambda), builtIn.At(lambda));
            }
        }
    }

    [Fact]
    public void Short_forms_resolve_in_the_built_in_pages()
    {
        Assert.Equal("main/SiO2/nk/Malitson", MaterialDatabase.Embedded.Resolve("SiO2", "test").Name);
        Assert.Equal("other/perovskite/CH3NH3PbI3/nk/Phillips", MaterialDatabase.Embedded.Resolve("MAPbI3/Phillips", "test").Name);
        Assert.Contains("built-in", MaterialDatabase.Embedded.Root);
        Assert.Throws<MieCool.Core.InputException>(() => MaterialDatabase.Embedded.Load("main/SiO2/nk/Nobody"));
    }

    [Fact]
    public void The_library_uses_the_data_folder_beside_the_program_when_there_is_one()
    {
        // the tests run with data/materials beside them and without MIECOOL_DATA (test.sh, CI): the CLI's lookup order
        if (Environment.GetEnvironmentVariable(MaterialLibrary.DataVariable) is { Length: > 0 }) return;
        Assert.Equal(Folder.Root, MaterialLibrary.DataFolder());
        Assert.False(MaterialLibrary.Database.IsEmbedded);
    }
}
