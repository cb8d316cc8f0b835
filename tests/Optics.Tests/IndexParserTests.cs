using System.Numerics;
using MieCool.Core;
using MieCool.Optics;

namespace MieCool.Optics.Tests;

public class IndexParserTests
{
    [Theory]
    [InlineData("2.6", 2.6, 0)]
    [InlineData("2.6+0.01i", 2.6, 0.01)]
    [InlineData("2.6 + 0.01i", 2.6, 0.01)]
    [InlineData("2.6+i0.01", 2.6, 0.01)]
    [InlineData("2.6+0.01j", 2.6, 0.01)]
    [InlineData("1.33+1e-5i", 1.33, 1e-5)]
    [InlineData("(2.6,0.01)", 2.6, 0.01)]
    [InlineData("10+10i", 10, 10)]
    public void Parses(string text, double n, double k)
    {
        var m = IndexParser.Parse(text, "--m");
        Assert.Equal(new Complex(n, k), m);
        Assert.Equal(m, IndexParser.Parse(IndexParser.Format(m), "--m"));
    }

    [Fact]
    public void Negative_imaginary_part_names_the_convention()
    {
        var e = Assert.Throws<InputException>(() => IndexParser.Parse("1.5-0.1i", "--m"));
        Assert.Contains("n + ik", e.Message);
        Assert.Contains("--m", e.Message);
    }

    [Theory]
    [InlineData("2.6+")]
    [InlineData("abc")]
    [InlineData("2.6+0.01")]
    [InlineData("")]
    public void Malformed_is_an_input_error(string text) =>
        Assert.Contains("malformed", Assert.Throws<InputException>(() => IndexParser.Parse(text, "--m")).Message);
}
