/** Problems a parser met, as data: nothing is thrown for bad input. */
export interface ParseIssue {
  code: string;
  /** 1-based line in the decoded text (0 when it concerns the whole file). */
  line: number;
  message: string;
  severity: 'error' | 'warning';
}

export class IssueList {
  readonly items: ParseIssue[] = [];
  constructor(private readonly strict: boolean) {}
  /** A repair: a warning normally, an error in strict mode. */
  repair(code: string, line: number, message: string): void {
    this.items.push({ code, line, message, severity: this.strict ? 'error' : 'warning' });
  }
  warn(code: string, line: number, message: string): void {
    this.items.push({ code, line, message, severity: 'warning' });
  }
  error(code: string, line: number, message: string): void {
    this.items.push({ code, line, message, severity: 'error' });
  }
  get ok(): boolean {
    return !this.items.some((i) => i.severity === 'error');
  }
}
