"""``%dvclive_image`` and ``%%dvclive_image``: log a matplotlib figure from a cell."""

from IPython.core.error import UsageError
from IPython.core.magic import Magics, line_cell_magic, magics_class, no_var_expand
from IPython.core.magic_arguments import argument, magic_arguments, parse_argstring

from . import _current
from .error import DataAlreadyLoggedError, DvcLiveError


@magics_class
class DvcLiveMagics(Magics):
    @no_var_expand  # `{step}` must reach us literally, not from the user's `step`
    @magic_arguments()
    @argument("name", help="image name, e.g. loss.png or curves/{step}.png")
    @argument("--live", metavar="VAR", help="log to the Live bound to VAR, not the current one")
    @argument("--fig", metavar="VAR", help="log the figure bound to VAR, not the current one")
    @line_cell_magic
    def dvclive_image(self, line, cell=None):
        """Log a matplotlib figure to a dvclive_nb.Live, as live.log_image(NAME, fig).

        The line form logs the current figure (`plt.gcf()`); use it in the cell that
        plots, since `%matplotlib inline` closes figures when a cell ends. The cell form
        runs the cell, then logs the figure it produced. `{step}` in NAME becomes the
        Live's current step, so one name per step builds a slider series. With the
        inline backend the figure stays shown in the cell output.

        The Live is the most recent `dvclive_nb.Live` created in this kernel that has
        not ended, or the one named by --live.

        Examples
        --------
        Log the figure the cell drew::

            plt.plot(losses)
            %dvclive_image loss.png

        One image per step, as a series with a slider::

            %dvclive_image curves/{step}.png

        Run a cell, then log its figure, to a given Live and a given figure::

            %%dvclive_image samples/{step}.png --live run
            fig, ax = plt.subplots()
            ax.imshow(batch[0])

            %dvclive_image weights.png --fig fig2
        """
        args = parse_argstring(self.dvclive_image, line)
        live = self._live(args.live)
        if cell is not None:
            self.shell.ex(self.shell.transform_cell(cell))
        fig = self._figure(args.fig)
        name = args.name.replace("{step}", str(live.step))
        self._log(live, name, fig)

    def _live(self, var):
        from .live import Live

        if var is not None:
            live = self._user_var(var, "--live", Live, "a dvclive_nb.Live")
            if live._ended:
                raise UsageError(f"--live {var}: that Live has ended; create a new one.")
            return live
        live, ended = _current.current()
        if live is None and ended is not None:
            raise UsageError(
                "The most recent dvclive_nb.Live has ended. Create a new one "
                "(`live = Live()`), or pass --live VAR.")
        if live is None:
            raise UsageError(
                "No active dvclive_nb.Live. Create one first: "
                "`from dvclive_nb import Live; live = Live()`, or pass --live VAR.")
        return live

    def _user_var(self, var, option, kind, what):
        """The user's variable ``var``, which must be an instance of ``kind``."""
        try:
            value = self.shell.user_ns[var]
        except KeyError:
            raise UsageError(f"{option} {var}: no variable named {var!r}.") from None
        if not isinstance(value, kind):
            raise UsageError(f"{option} {var}: {var} is a {type(value).__name__}, not {what}.")
        return value

    def _figure(self, var):
        import matplotlib.pyplot as plt
        from matplotlib.figure import Figure

        if var is not None:
            fig = self._user_var(var, "--fig", Figure, "a matplotlib Figure")
        elif not plt.get_fignums():
            # plt.gcf() would make a blank figure and log it silently.
            raise UsageError(
                "No matplotlib figure to log. With %matplotlib inline, figures are closed "
                "when the cell that drew them ends: use %dvclive_image in the cell that "
                "plots, or the cell form %%dvclive_image NAME.")
        else:
            fig = plt.gcf()
        if not (fig.axes or fig.artists or fig.images or fig.texts or fig.lines
                or fig.patches):
            raise UsageError(
                "The figure is blank (no axes or artists). Use %dvclive_image in the cell "
                "that plots, or the cell form %%dvclive_image NAME.")
        return fig

    def _log(self, live, name, fig):
        try:
            live.log_image(name, fig)  # closes the figure once it is logged, as dvclive does
        except DataAlreadyLoggedError as exc:
            raise UsageError(
                f"{exc}. Call live.next_step() first, or put {{step}} in the name.") from None
        except DvcLiveError as exc:  # bad name, or a figure Pillow cannot save as NAME
            raise UsageError(str(exc)) from None
        import matplotlib

        if "inline" in matplotlib.get_backend():
            # The inline backend shows only open figures when the cell ends; show the
            # logged (now closed) one here, once, as it would have been shown.
            from IPython.display import display

            display(fig)
