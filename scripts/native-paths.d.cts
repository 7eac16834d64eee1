export declare function electronBindingPath(root: string, electronVersion: string, platform?: string, arch?: string): string;
