using MieCool.Viewer.Gl;
using MieCool.Viewer.Rendering;
using MieCool.Viewer.Scene;
using MieCool.Viewer.Window;
using SkiaSharp;

namespace MieCool.Viewer.Tests;

/// <summary>The GLFW window under an X server (./test.sh runs the tests under xvfb-run when DISPLAY is unset).</summary>
public sealed class WindowTests
{
    [Fact]
    public void Window_draws_frames_takes_a_screenshot_by_its_key_and_closes()
    {
        Assert.True(GlfwWindow.DisplayAvailable, "no X display: run the tests with ./test.sh or `xvfb-run -a dotnet test`");
        var dir = Directory.CreateTempSubdirectory("miecool-window-").FullName;
        try
        {
            var log = new List<string>();
            GlfwWindow window;
            using (var app = new ViewerApp(SyntheticResult.Build(12), ClipPlane.Parse("y=0"), "dT", 400, 250, log: log.Add))
            {
                app.Renderer.CheckErrors = true;
                app.ScreenshotFolder = dir;
                window = app.Window;
                app.Frame();
                app.Window.PollEvents();
                Assert.Equal("dT", app.Renderer.Field.Name);

                // What the window shows: the particle centre (the image centre) has the coldest colour, and the
                // top of the colour bar the map's high end.
                app.Frame(present: false);
                var shown = app.ReadBackBuffer();
                var low = app.Renderer.ColorScale.Map.Low;
                var centre = shown[shown.Width / 2, shown.Height / 2];
                Assert.True(Math.Abs(centre.R - low.R) <= 3 && Math.Abs(centre.G - low.G) <= 3 && Math.Abs(centre.B - low.B) <= 3,
                    $"window centre #{centre.R:X2}{centre.G:X2}{centre.B:X2}, expected {low}");
                var (wx, wy, ww, _) = Overlay.BarRect(shown.Width, shown.Height);
                var wtop = shown[wx + ww / 2, wy];
                // the synthetic dT cools everywhere (one sign): viridis over its range, its high end at the top
                Assert.Equal((ColorMap.Viridis.High.R, ColorMap.Viridis.High.G, ColorMap.Viridis.High.B), (wtop.R, wtop.G, wtop.B));

                app.OnKey('F', GlfwWindow.Press, 0);          // next field
                Assert.NotEqual("dT", app.Renderer.Field.Name);
                app.OnKey('F', GlfwWindow.Press, GlfwWindow.ModShift); // and back
                Assert.Equal("dT", app.Renderer.Field.Name);
                app.OnKey('4', GlfwWindow.Press, 0);          // hide air
                Assert.Contains(4, app.Renderer.HiddenRegions);
                app.OnKey('X', GlfwWindow.Press, 0);          // clip x = particle centre
                Assert.Equal(0, app.Renderer.Clip!.Axis);
                app.OnKey(']', GlfwWindow.Press, 0);
                app.Frame();
                app.OnKey('R', GlfwWindow.Press, 0);          // reset: all regions shown
                Assert.Empty(app.Renderer.HiddenRegions);
                app.OnKey('Y', GlfwWindow.Press, 0);
                app.Frame();
                app.Window.PollEvents();
                Assert.True(app.Frames >= 3);

                app.OnKey('S', GlfwWindow.Press, 0);          // screenshot: re-rendered at twice the size
                var png = Assert.Single(Directory.GetFiles(dir, "*.png"));
                using var bitmap = SKBitmap.Decode(png);
                Assert.Equal(2 * app.Window.Width, bitmap.Width);
                Assert.Equal(2 * app.Window.Height, bitmap.Height);
                var (bx, by, bw, bh) = Overlay.BarRect(bitmap.Width, bitmap.Height);
                var top = bitmap.GetPixel(bx + bw / 2, by);
                var high = ColorMap.Viridis.High; // as in the window: the one-signed dT on viridis
                Assert.Equal((high.R, high.G, high.B), (top.Red, top.Green, top.Blue));
                Assert.Contains(log, l => l.StartsWith("screenshot:"));

                app.OnKey('Q', GlfwWindow.Press, 0);
                Assert.True(app.Window.ShouldClose);
                GlErrors.Check(app.Window.Gl, "the window test");
            }
            Assert.Empty(window.TeardownErrors); // closing the window reported no GLFW error
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
