"""Run the `run:` steps of a shipped GitHub Actions job here, as a runner runs them.

Each step's script runs in `bash --noprofile --norc -eo pipefail` (what `shell: bash`
means on a runner) in the job's workspace, with the workflow's, the job's and the step's
`env`, and with `GITHUB_OUTPUT` and `GITHUB_STEP_SUMMARY` files whose lines become the
step's outputs and the job summary. `uses:` steps (checkout, caches, artifacts) are
GitHub's own and are left to the test, which does their part with git and files.

Expressions (`${{ ... }}`) are evaluated for what the shipped files use in `env` and
`if`: `steps.ID.outputs.NAME`, `matrix.NAME`, `env.NAME`, `always()`, string literals,
`==`, `!=`, `&&`, `||` and parentheses; any other name (`inputs.publish`,
`needs.plan.outputs.count`) must be given by the test in `values`, so a new expression
in a workflow fails here instead of being guessed. A `run:` script never holds an
expression (zizmor refuses template injection), and this runner checks that too.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

Pick = Callable[[object, object], object]

EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
TOKEN = re.compile(
    r"\s*(?:(?P<str>'(?:[^']|'')*')|(?P<name>[\w.-]+(?:\(\))?)|(?P<op>==|!=|&&|\|\||\(|\)))"
)


@dataclass
class Step:
    """One step as it ran: its outcome, outputs and the lines it wrote."""

    name: str
    code: int | None
    """The exit code; None when the step was skipped (an earlier step failed)."""
    outputs: dict[str, str] = field(default_factory=dict)
    stdout: str = ""
    stderr: str = ""


@dataclass
class Ran:
    """A job's run: its steps in order and the job summary they wrote."""

    steps: list[Step]
    summary: str

    def step(self, name: str) -> Step:
        (found,) = [s for s in self.steps if s.name == name]
        return found

    @property
    def ok(self) -> bool:
        """Every step ran, and passed."""
        return all(s.code == 0 for s in self.steps)


class Workflow:
    """A workflow file and the values of the expressions the test stands in for."""

    def __init__(self, path: Path, values: Mapping[str, str] | None = None) -> None:
        self.path = path
        self.doc: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
        self.values = dict(values or {})

    def run_steps(self, job: str) -> list[str]:
        """The names of `job`'s `run:` steps, in order."""
        return [s["name"] for s in self.doc["jobs"][job]["steps"] if "run" in s]

    def run(
        self,
        job: str,
        workspace: Path,
        *,
        skip: tuple[str, ...] = ("Install tts-assets",),
        env: Mapping[str, str] | None = None,
        matrix: Mapping[str, str] | None = None,
    ) -> Ran:
        """Run `job`'s `run:` steps (but `skip`) in `workspace`, as the runner would.

        `env` overrides the workflow's `env` (as a team edits it). A step after a failed
        one runs only if its `if:` says `always()`.
        """
        spec = self.doc["jobs"][job]
        shell = spec.get("defaults", self.doc.get("defaults", {})).get("run", {}).get("shell")
        assert shell == "bash", f"{job}: a run step's shell is {shell!r}"
        summary_file = workspace.parent / f".{workspace.name}-summary.md"
        summary_file.write_text("", encoding="utf-8")
        context = _Context(self.values, dict(matrix or {}))
        base = {k: v for k, v in os.environ.items() if not k.startswith("GITHUB_")}
        # The job's `python` and `tts-assets` are this interpreter's (already installed).
        base["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{base['PATH']}"
        base["GITHUB_REF_NAME"] = self.values.get("github.ref_name", "main")
        job_env = {**self._env(self.doc.get("env", {}), context), **(env or {})}
        job_env |= self._env(spec.get("env", {}), context | job_env)
        failed = False
        steps: list[Step] = []
        for raw in spec["steps"]:
            if "run" not in raw or raw["name"] in skip:
                continue
            context.env = job_env
            condition = str(raw.get("if", ""))
            if (failed and "always()" not in condition) or (
                condition and not context.holds(condition)
            ):
                steps.append(Step(raw["name"], None))
                continue
            script = raw["run"]
            assert "${{" not in script, f"{raw['name']}: an expression inside a run script"
            step_env = job_env | self._env(raw.get("env", {}), context)
            output_file = workspace.parent / f".{workspace.name}-output"
            output_file.write_text("", encoding="utf-8")
            done = subprocess.run(
                ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
                cwd=workspace,
                env={
                    **base,
                    **step_env,
                    "GITHUB_OUTPUT": str(output_file),
                    "GITHUB_STEP_SUMMARY": str(summary_file),
                },
                capture_output=True,
                text=True,
            )
            outputs = _outputs(output_file.read_text(encoding="utf-8"))
            if "id" in raw:
                context.steps[raw["id"]] = outputs
            steps.append(Step(raw["name"], done.returncode, outputs, done.stdout, done.stderr))
            failed = failed or done.returncode != 0
        return Ran(steps, summary_file.read_text(encoding="utf-8"))

    @staticmethod
    def _env(table: Mapping[str, object], context: _Context) -> dict[str, str]:
        return {
            name: EXPRESSION.sub(lambda m: context.value(m.group(1)), str(value))
            for name, value in table.items()
        }


class _Context:
    """What expressions read: the test's values, the matrix, env and step outputs."""

    def __init__(self, values: Mapping[str, str], matrix: Mapping[str, str]) -> None:
        self.values = values
        self.matrix = matrix
        self.env: Mapping[str, str] = {}
        self.steps: dict[str, dict[str, str]] = {}

    def __or__(self, env: Mapping[str, str]) -> _Context:
        other = _Context(self.values, self.matrix)
        other.env, other.steps = {**self.env, **env}, self.steps
        return other

    def value(self, expression: str) -> str:
        """The value of a whole `${{ }}` expression, as text."""
        result = self._evaluate(_tokens(expression))
        return (
            ""
            if result is None
            else str(result).lower()
            if isinstance(result, bool)
            else str(result)
        )

    def holds(self, condition: str) -> bool:
        """Whether an `if:` condition is true."""
        return bool(self._evaluate(_tokens(EXPRESSION.sub(r"\1", condition))))

    def _name(self, name: str) -> object:
        if name == "always()":
            return True
        head, _, rest = name.partition(".")
        if head == "steps":
            step, _, output = rest.partition(".outputs.")
            return self.steps.get(step, {}).get(output, "")
        if head == "matrix":
            return self.matrix[rest]
        if head == "env":
            return self.env.get(rest, "")
        if name not in self.values:
            raise KeyError(f"the test gives no value for the expression {name!r}")
        return self.values[name]

    def _evaluate(self, tokens: list[tuple[str, str]]) -> object:
        """`a || b` (first truthy), `a && b`, `a == b`, `a != b`, `( )`, names, literals."""
        position = 0

        def atom() -> object:
            nonlocal position
            kind, text = tokens[position]
            position += 1
            if text == "(":
                value = either()
                position += 1  # ")"
                return value
            if kind == "str":
                return text[1:-1].replace("''", "'")
            return self._name(text)

        def compared() -> object:
            nonlocal position
            left = atom()
            if position < len(tokens) and tokens[position][1] in ("==", "!="):
                op = tokens[position][1]
                position += 1
                right = atom()
                return (str(left) == str(right)) == (op == "==")
            return left

        def level(operand: Callable[[], object], op: str, pick: Pick) -> Callable[[], object]:
            """`operand (op operand)*`, folded left with `pick(left, right)`."""

            def parse() -> object:
                nonlocal position
                value = operand()
                while position < len(tokens) and tokens[position][1] == op:
                    position += 1
                    value = pick(value, operand())
                return value

            return parse

        both = level(compared, "&&", lambda left, right: right if left else left)
        either = level(both, "||", lambda left, right: left if left else right)
        return either()


def _outputs(text: str) -> dict[str, str]:
    """The outputs a step wrote to GITHUB_OUTPUT: `name=value` lines, and multi-line values
    as `name<<DELIMITER`, the lines, then `DELIMITER` alone on a line."""
    outputs: dict[str, str] = {}
    lines = iter(text.splitlines())
    for line in lines:
        name, eq, value = line.partition("=")
        if "<<" in line and (not eq or "<<" in name):
            name, _, delimiter = line.partition("<<")
            body = []
            for inner in lines:
                if inner == delimiter:
                    break
                body.append(inner)
            else:
                raise AssertionError(f"GITHUB_OUTPUT: {name} has no closing {delimiter!r}")
            outputs[name] = "\n".join(body)
        elif eq:
            outputs[name] = value
    return outputs


def _tokens(expression: str) -> list[tuple[str, str]]:
    tokens = []
    for match in TOKEN.finditer(expression.strip()):
        kind = match.lastgroup
        assert kind is not None
        tokens.append((kind, match.group(kind)))
    return tokens
