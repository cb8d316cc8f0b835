namespace MieCool.Viewer.Rendering;

/// <summary>GLSL 3.30 core sources of the viewer.</summary>
static class Shaders
{
    // One vertex format for surfaces, slices and outlines: position, the value on each side, the region on each
    // side (0 = outside the mesh). A triangle is drawn where exactly one side is visible, coloured by that side.
    public const string SceneVertex = """
        #version 330 core
        layout(location = 0) in vec3 aPos;
        layout(location = 1) in float aValueA;
        layout(location = 2) in float aValueB;
        layout(location = 3) in float aRegionA;
        layout(location = 4) in float aRegionB;
        uniform mat4 uView;
        uniform mat4 uViewProj;
        out vec3 vPos;
        out vec3 vViewPos;
        out float vValueA;
        out float vValueB;
        flat out int vRegionA;
        flat out int vRegionB;
        void main() {
            vPos = aPos;
            vViewPos = (uView * vec4(aPos, 1.0)).xyz;
            vValueA = aValueA;
            vValueB = aValueB;
            vRegionA = int(aRegionA + 0.5);
            vRegionB = int(aRegionB + 0.5);
            gl_Position = uViewProj * vec4(aPos, 1.0);
        }
        """;

    public const string SceneFragment = """
        #version 330 core
        in vec3 vPos;
        in vec3 vViewPos;
        in float vValueA;
        in float vValueB;
        flat in int vRegionA;
        flat in int vRegionB;
        uniform int uMode;          // 0 surfaces (lit, clipped), 1 plane section (unlit), 2 outline
        uniform int uVisible;       // bit r set: region r shown
        uniform int uClipOn;
        uniform vec4 uClip;         // kept where dot(uClip.xyz, p) + uClip.w >= 0
        uniform vec2 uRange;        // values at the colour map's ends
        uniform sampler2D uLut;     // 256 x 1 colour map
        uniform vec3 uLineColor;
        out vec4 fragColor;
        bool shown(int r) { return r > 0 && r < 31 && ((uVisible >> r) & 1) != 0; }
        void main() {
            bool a = shown(vRegionA), b = shown(vRegionB);
            if (uMode == 2) {
                if (!(a || b)) discard;
                fragColor = vec4(uLineColor, 1.0);
                return;
            }
            if (a == b) discard;
            if (uMode == 0 && uClipOn == 1 && dot(uClip.xyz, vPos) + uClip.w < 0.0) discard;
            float v = a ? vValueA : vValueB;
            float t = clamp((v - uRange.x) / (uRange.y - uRange.x), 0.0, 1.0);
            vec3 c = texture(uLut, vec2((0.5 + t * 255.0) / 256.0, 0.5)).rgb;
            if (uMode == 0) {
                // Flat normal from screen-space derivatives; two-sided headlight.
                vec3 n = normalize(cross(dFdx(vViewPos), dFdy(vViewPos)));
                c *= 0.5 + 0.5 * abs(dot(n, normalize(-vViewPos)));
            }
            fragColor = vec4(c, 1.0);
        }
        """;

    // Quads over the non-empty tiles of the overlay image (premultiplied alpha, top row first).
    public const string OverlayVertex = """
        #version 330 core
        layout(location = 0) in vec2 aPos;
        layout(location = 1) in vec2 aUv;
        out vec2 vUv;
        void main() {
            vUv = aUv;
            gl_Position = vec4(aPos, 0.0, 1.0);
        }
        """;

    public const string OverlayFragment = """
        #version 330 core
        in vec2 vUv;
        uniform sampler2D uOverlay;
        out vec4 fragColor;
        void main() { fragColor = texture(uOverlay, vUv); }
        """;
}
