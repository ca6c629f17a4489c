// What an airlock's four buttons mean, in one place for --help, the terminal footer, the README and the web tooltips.
// Buttons 1 and 2 ask for the outer door (1 from the bay side, 2 from inside the chamber), 3 and 4 for the inner
// door (3 from inside, 4 from the ship side): the station maps them to `ask open outer` and `ask open inner`.

export const buttonPlaces = ['bay side', 'inside', 'inside', 'ship side'] as const;
const buttonAsks = ['outer', 'outer', 'inner', 'inner'] as const;

/** `bay side, asks for the outer door`, for button n (1–4). */
export const buttonMeaning = (n: number) => `${buttonPlaces[n - 1]}, asks for the ${buttonAsks[n - 1]} door`;

/** One line: `buttons 1–2 ask for the outer door, 3–4 the inner door`. */
export const buttonSummary = 'buttons 1 (bay side) and 2 (inside) ask for the outer door; 3 (inside) and 4 (ship side) for the inner door';
