namespace MieCool.Viewer.Rendering;

/// <summary>GLSL 3.30 core sources of the viewer.</summary>
static class Shaders
{
    // One vertex format for surfaces, sections and outlines: position (normalised) and field value. Region
    // visibility is decided on the CPU and the clip plane is a hardware clip distance, so no fragment is
    // discarded and the depth test can reject hidden fragments before shading.
    public const string SceneVertex = """
        #version 330 core
        layout(location = 0) in vec3 aPos;
        layout(location = 1) in float aValue;
        uniform mat4 uView;
        uniform mat4 uViewProj;
        uniform vec4 uClip;         // kept where dot(uClip.xyz, p) + uClip.w >= 0 (surfaces, with GL_CLIP_DISTANCE0)
        uniform int uMode;
        out vec3 vViewPos;
        out float vValue;
        void main() {
            vViewPos = (uView * vec4(aPos, 1.0)).xyz;
            vValue = aValue;
            // Only surfaces are cut; the section and its outline lie on the plane itself.
            gl_ClipDistance[0] = uMode == 0 ? dot(uClip.xyz, aPos) + uClip.w : 1.0;
            gl_Position = uViewProj * vec4(aPos, 1.0);
        }
        """;

    public const string SceneFragment = """
        #version 330 core
        in vec3 vViewPos;
        in float vValue;
        uniform int uMode;          // 0 surfaces (lit), 1 plane section (unlit, exact map colours), 2 outline
        uniform vec2 uRange;        // values at the colour map's ends
        uniform sampler2D uLut;     // 256 x 1 colour map
        uniform vec3 uLineColor;
        uniform vec3 uUndefined;    // colour of values that are not data (the renderer's UndefinedValue, 3e38)
        out vec4 fragColor;
        void main() {
            if (uMode == 2) { fragColor = vec4(uLineColor, 1.0); return; }
            float t = clamp((vValue - uRange.x) / (uRange.y - uRange.x), 0.0, 1.0);
            vec3 c = vValue > 1e38 ? uUndefined : texture(uLut, vec2((0.5 + t * 255.0) / 256.0, 0.5)).rgb;
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
