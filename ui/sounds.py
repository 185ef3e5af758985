"""Short, distinct sounds for the desk's results, and the script that makes them.

Green is a bright rising pair, amber two level beeps, blue a three-step rise,
red a low falling buzz: different in pitch *and* rhythm, so they can be told
apart in a noisy hall without looking. The WAV files in ui/sounds are written
by ``python -m ui.sounds`` with the standard ``wave`` module (no binary blobs
from elsewhere). Without an audio device the desk is silent, never in error.
"""

from __future__ import annotations

import math
import struct
import sys
import wave
from pathlib import Path

from PySide6.QtCore import QObject, QUrl
from PySide6.QtMultimedia import QMediaDevices, QSoundEffect

SOUND_DIR = Path(__file__).resolve().parent / "sounds"
RATE = 22050
COLOURS = ("green", "amber", "blue", "red")

# (frequency Hz, duration s, waveform) notes; 0 Hz is a pause.
_TUNES: dict[str, list[tuple[float, float, str]]] = {
    "green": [(880, 0.09, "sine"), (0, 0.02, "sine"), (1318.5, 0.16, "sine")],
    "amber": [(660, 0.12, "sine"), (0, 0.08, "sine"), (660, 0.12, "sine")],
    "blue": [(523.3, 0.08, "sine"), (659.3, 0.08, "sine"), (784, 0.14, "sine")],
    "red": [(330, 0.22, "square"), (220, 0.30, "square")],
}


def _samples(freq: float, dur: float, wave_form: str, volume: float = 0.45) -> list[int]:
    n = int(RATE * dur)
    out = []
    fade = max(1, int(RATE * 0.01))  # 10 ms fades: no clicks
    for i in range(n):
        if freq <= 0:
            out.append(0)
            continue
        phase = math.sin(2 * math.pi * freq * i / RATE)
        v = (1.0 if phase >= 0 else -1.0) * 0.5 if wave_form == "square" else phase
        env = min(1.0, i / fade, (n - i) / fade)
        out.append(int(32767 * volume * v * env))
    return out


def write_sounds(directory: Path = SOUND_DIR) -> list[Path]:
    """Write green/amber/blue/red.wav (16-bit mono) into a directory."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for colour, tune in _TUNES.items():
        data: list[int] = []
        for freq, dur, form in tune:
            data.extend(_samples(freq, dur, form))
        path = directory / f"{colour}.wav"
        with wave.open(str(path), "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(RATE)
            w.writeframes(struct.pack(f"<{len(data)}h", *data))
        written.append(path)
    return written


def audio_available() -> bool:
    """True if the system offers at least one audio output."""
    try:
        return bool(QMediaDevices.audioOutputs())
    except Exception:  # noqa: BLE001 - a broken audio stack must not stop the desk
        return False


class Sounds(QObject):
    """Plays a result's sound; silent when muted or when there is no audio device."""

    def __init__(self, parent: QObject | None = None, *, enabled: bool = True) -> None:
        super().__init__(parent)
        self.enabled = enabled
        self.available = audio_available()
        self._effects: dict[str, QSoundEffect] = {}
        if not self.available:
            return
        for colour in COLOURS:
            path = SOUND_DIR / f"{colour}.wav"
            if not path.exists():
                continue
            effect = QSoundEffect(self)
            effect.setSource(QUrl.fromLocalFile(str(path)))
            effect.setVolume(0.9)
            self._effects[colour] = effect

    def play(self, colour: str) -> bool:
        """Play the sound for a colour; returns whether a sound was started."""
        if not (self.enabled and self.available):
            return False
        effect = self._effects.get(colour)
        if effect is None:
            return False
        try:
            for other in self._effects.values():
                if other is not effect and other.isPlaying():
                    other.stop()  # a new result interrupts the last one's sound
            effect.play()
        except Exception:  # noqa: BLE001 - sound is a nicety, sign-in goes on
            return False
        return True


if __name__ == "__main__":
    for p in write_sounds(Path(sys.argv[1]) if len(sys.argv) > 1 else SOUND_DIR):
        print(p)
