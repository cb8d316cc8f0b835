using MieCool.Thermal.LinearAlgebra;

namespace MieCool.Thermal.Tests.LinearAlgebra;

/// <summary>The products and triangular solves read the pattern without bounds checks: a bad pattern is refused up front.</summary>
public sealed class CsrMatrixPatternTests
{
    [Fact]
    public void APatternWithAColumnOutsideTheMatrixOrDecreasingRowPointersIsRefused()
    {
        Assert.Throws<ArgumentException>(() => new CsrMatrix(2, [0, 1, 2], [0, 2]));        // column 2 of a 2 x 2 matrix
        Assert.Throws<ArgumentException>(() => new CsrMatrix(2, [0, 1, 2], [0, -1]));       // negative column
        Assert.Throws<ArgumentException>(() => new CsrMatrix(2, [0, 2, 1], [0, 1]));        // decreasing row pointers
        Assert.Throws<ArgumentException>(() => new CsrMatrix(2, [0, 1, 3], [0, 1]));        // more entries than columns stored
        Assert.Throws<ArgumentException>(() => new CsrMatrix(2, [1, 1, 2], [0, 1]));        // not starting at 0
        var ok = new CsrMatrix(2, [0, 1, 2], [0, 1], [2.0, 3.0]);
        var y = new double[2];
        ok.Multiply([1.0, 1.0], y);
        Assert.Equal(2.0, y[0]);
        Assert.Equal(3.0, y[1]);
    }
}
