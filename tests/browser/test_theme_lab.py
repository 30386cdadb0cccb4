"""The controls follow JupyterLab's theme: computed colours against its variables."""

from PIL import Image, ImageStat

from tests.support.pages import open_notebook, run_all, wait_kernel_idle, write_notebook

LOG = '''
import numpy as np
from dvclive_nb import Live

live = Live(save_dvc_exp=False)
for step in range(6):
    a = np.zeros((64, 64, 4), np.uint8)  # transparent, but for a square in the middle
    a[16:48, 16:48] = (200, 40 * step, 40, 255)
    live.log_image(f"pred/{step}.png", a)
    live.log_metric("loss", 1 / (step + 1))
    live.next_step()
live.end()
'''

# Each control's computed colours, and what the theme's variables resolve to.
COLOURS_JS = """() => {
  const resolve = (v) => {
    const d = document.createElement('div');
    d.style.color = `var(${v})`;
    document.body.appendChild(d);
    const c = getComputedStyle(d).color;
    d.remove();
    return c;
  };
  const vars = {};
  for (const v of ['--jp-layout-color0', '--jp-layout-color2', '--jp-ui-font-color1',
                   '--jp-ui-font-color2', '--jp-border-color1', '--jp-brand-color1',
                   '--jp-ui-inverse-font-color1'])
    vars[v] = resolve(v);
  const root = document.querySelector('.dvnb');
  const css = (sel) => getComputedStyle(root.querySelector(sel));
  const got = {};
  for (const sel of ['.dvnb-play', '.dvnb-speed', '.dvnb-stepbox']) {
    const s = css(sel);
    got[sel] = [s.backgroundColor, s.color, s.borderTopColor];
  }
  const pressed = css('.dvnb-size');
  got.pressed = [pressed.backgroundColor, pressed.color];
  const latest = css('.dvnb-latest');  // following: pressed, and disabled
  got.latest = [latest.backgroundColor, latest.color];
  got.slider = css('.dvnb-slider').accentColor;
  got.caption = css('.dvnb-caption').color;
  got.readout = css('.dvnb-readout').color;
  got.checker = css('.dvnb-img').backgroundImage;
  got.scheme = getComputedStyle(root).colorScheme;
  got.font = getComputedStyle(root).fontFamily;
  got.strip = [css('.dvnb-strip-canvas').color, css('.dvnb-strip-lanes').backgroundColor];
  vars.font = getComputedStyle(document.body).getPropertyValue('--jp-ui-font-family').trim();
  return {vars, got};
}"""

THEMES = {"JupyterLab Light": "light", "JupyterLab Dark": "dark"}


def _tab_order(page, start, presses):
    page.locator(start).first.focus()
    seen = []
    for _ in range(presses):
        page.keyboard.press("Tab")
        seen.append(page.evaluate("""() => {
          const e = document.activeElement, s = getComputedStyle(e);
          return [e.className, s.outlineStyle, s.outlineColor];
        }"""))
    return seen


def test_controls_follow_light_and_dark(lab, page, workspace, tmp_path, screenshot_dir):
    write_notebook(workspace / "theme.ipynb", LOG)
    shots = {}
    for theme, short in THEMES.items():
        lab.set_theme(theme)
        open_notebook(page, lab.url("lab/tree/theme.ipynb"))
        page.wait_for_selector(f'body[data-jp-theme-name="{theme}"]', state="attached",
                               timeout=30000)
        run_all(page)
        page.wait_for_selector(".dvnb-slider", timeout=30000)
        wait_kernel_idle(page)
        page.wait_for_function("() => document.querySelector('.dvnb-img')?.naturalWidth > 0")
        page.locator(".dvnb-size").first.click()  # pressed: the brand colour

        res = page.evaluate(COLOURS_JS)
        v, got = res["vars"], res["got"]
        assert v["--jp-layout-color2"] != v["--jp-ui-font-color1"]
        for sel in (".dvnb-play", ".dvnb-speed", ".dvnb-stepbox"):
            assert got[sel] == [v["--jp-layout-color2"], v["--jp-ui-font-color1"],
                                v["--jp-border-color1"]], (theme, sel)
        assert got["pressed"] == [v["--jp-brand-color1"], v["--jp-ui-inverse-font-color1"]]
        assert got["latest"] == got["pressed"]  # readable while disabled
        assert got["slider"] == v["--jp-brand-color1"]
        assert got["caption"] == v["--jp-ui-font-color1"]
        assert got["readout"] == v["--jp-ui-font-color2"]
        assert v["--jp-layout-color2"] in got["checker"]
        assert v["--jp-layout-color0"] in got["checker"]
        assert got["scheme"] == short or (short == "light" and got["scheme"] == "normal")
        assert got["font"].replace('"', "") == v["font"].replace('"', "")
        assert got["strip"] == [v["--jp-brand-color1"], v["--jp-layout-color2"]]

        # Every control is reachable by Tab, in order, with a visible brand-coloured ring.
        order = _tab_order(page, ".dvnb-play", 4)
        classes = [c for c, _, _ in order]
        assert classes[:3] == ["dvnb-speed", "dvnb-slider", "dvnb-stepbox"], classes
        assert any("dvnb-size" in c for c in classes) or "dvnb-latest" in classes[3]
        for cls, style, colour in order:
            assert style == "solid" and colour == v["--jp-brand-color1"], (theme, cls)

        # The looking glass in this theme too: step 0 pinned, step 5 against it.
        page.locator(".dvnb-slider").first.focus()
        page.keyboard.press("Home")
        page.get_by_role("button", name="pin step").first.click()
        page.locator(".dvnb-slider").first.focus()
        page.keyboard.press("End")
        page.get_by_role("combobox", name="compare mode").first.select_option("diff")
        page.wait_for_selector('.dvnb-pinned .dvnb-diff[data-max]', timeout=10000)
        page.mouse.move(5, 5)
        shot = tmp_path / f"theme-{short}.png"
        page.locator(".jp-CodeCell").first.screenshot(path=str(shot))
        shots[short] = ImageStat.Stat(Image.open(shot).convert("L")).mean[0]
        if screenshot_dir:
            page.locator(".jp-CodeCell").first.screenshot(
                path=str(screenshot_dir / f"theme-{short}.png"))
    assert shots["dark"] < shots["light"] - 60, shots  # the cell went dark, view and all
    lab.set_theme("JupyterLab Light")
